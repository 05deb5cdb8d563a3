using Declarative.Samples;

return await EchoUdpServer.RunAsync(args);
