using Declarative.Samples;

return await EchoUnixServer.RunAsync(args);
