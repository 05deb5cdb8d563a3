using Declarative.Samples;

return await EchoServer.RunAsync(args);
