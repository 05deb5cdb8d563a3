using Declarative.Samples;

return await EchoForkingServer.RunAsync(args);
