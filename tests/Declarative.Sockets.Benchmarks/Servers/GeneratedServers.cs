using System;
using System.Net;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Servers;

// Our generated raw-byte echo servers, one per concurrency mode. The body is the same one-liner everywhere.

/// <summary>Default mode: event-driven async I/O.</summary>
[TcpServer]
public partial class EchoAsync
{
    /// <summary>Echoes every chunk it receives.</summary>
    [OnData] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> data) => data;
}

/// <summary>ThreadingMixIn equivalent: a dedicated thread per connection.</summary>
[TcpServer(Threading = true)]
public partial class EchoThreading
{
    /// <summary>Echoes every chunk it receives.</summary>
    [OnData] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> data) => data;
}

/// <summary>socketserver's TCPServer without a mixin: one connection at a time.</summary>
[TcpServer(Sequential = true)]
public partial class EchoSequential
{
    /// <summary>Echoes every chunk it receives.</summary>
    [OnData] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> data) => data;
}

/// <summary>Runs one of the generated servers.</summary>
internal sealed class GeneratedBenchServer : IBenchServer
{
    private readonly Func<Action<TcpServerOptions>, TcpSocketServer> _factory;
    private TcpSocketServer? _server;

    public GeneratedBenchServer(Func<Action<TcpServerOptions>, TcpSocketServer> factory) => _factory = factory;

    public async Task<IPEndPoint> StartAsync(int port)
    {
        _server = _factory(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
        });
        await _server.StartAsync();
        return (IPEndPoint)_server.LocalEndPoint!;
    }

    public Task RunAsync() => _server!.ServeForeverAsync();
}
