using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

[TcpServer]
public partial class ZeroAllocEcho
{
    [OnData] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> data) => data;
}

[TcpServer]
public partial class ZeroAllocLines
{
    [OnLine]
    public void Line(ReadOnlySpan<byte> line, Connection c)
    {
        c.Write(line);
        c.Write("\n"u8);
    }
}

[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationCollection
{
}

/// <summary>
/// Steady state on an established connection allocates nothing per message on the server. The client is a blocking
/// socket with preallocated buffers, which allocates nothing either, so the process-wide count is the server's.
/// Runs alone so other tests' allocations do not count.
/// </summary>
[Collection(nameof(AllocationTests))]
public sealed class AllocationTests
{
    private const int Messages = 2000;

    [Fact]
    public async Task RawEchoAllocatesNothingPerMessage()
    {
        await using var server = new ZeroAllocEcho.Server(o => o.Port = 0);
        await server.StartAsync();
        _ = server.ServeForeverAsync();

        Assert.Equal(0, await AllocatedPerMessageAsync(server.LocalEndPoint!, "0123456789abcdef0123456789abcde\n"u8.ToArray()));
    }

    [Fact]
    public async Task LineDispatchAllocatesNothingPerMessage()
    {
        await using var server = new ZeroAllocLines.Server(o => o.Port = 0);
        await server.StartAsync();
        _ = server.ServeForeverAsync();

        Assert.Equal(0, await AllocatedPerMessageAsync(server.LocalEndPoint!, "0123456789abcdef0123456789abcde\n"u8.ToArray()));
    }

    // Bytes allocated per round trip, rounded down, after a warm-up that lets pools and state machines settle. The
    // smallest of several windows is taken: tiered JIT recompiles in the background during the first seconds and
    // its allocations are process-wide, while an allocation per message would show in every window.
    private static Task<long> AllocatedPerMessageAsync(EndPoint server, byte[] message) => Task.Run(() =>
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
        socket.Connect(server);
        var reply = new byte[message.Length];
        for (var i = 0; i < 1000; i++)
        {
            RoundTrip(socket, message, reply);
        }

        var smallest = long.MaxValue;
        for (var window = 0; window < 5; window++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < Messages; i++)
            {
                RoundTrip(socket, message, reply);
            }

            smallest = Math.Min(smallest, (GC.GetTotalAllocatedBytes(precise: true) - before) / Messages);
        }

        return smallest;
    });

    private static void RoundTrip(Socket socket, byte[] message, byte[] reply)
    {
        socket.Send(message);
        var received = 0;
        while (received < reply.Length)
        {
            var n = socket.Receive(reply, received, reply.Length - received, SocketFlags.None);
            if (n == 0)
            {
                throw new InvalidOperationException("server closed");
            }

            received += n;
        }

        Assert.True(reply.AsSpan().SequenceEqual(message));
    }
}
