using Declarative.Samples;

return await EchoForkingUdpServer.RunAsync(args);
