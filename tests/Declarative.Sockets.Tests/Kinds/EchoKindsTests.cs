using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Kinds;

/// <summary>socketserver's test_TCPServer ... test_ThreadingUnixDatagramServer: an echo round trip with 3 sequential clients.</summary>
public sealed class EchoKindsTests
{
    [Theory]
    [MemberData(nameof(KindHarness.AllKinds), MemberType = typeof(KindHarness))]
    public async Task ThreeSequentialClientsGetTheirEcho(string kind)
    {
        using var dir = new TempDir();
        await using var server = KindHarness.Create(kind, dir);
        await server.StartAsync();
        var serving = server.ServeForeverAsync();

        for (var i = 0; i < 3; i++)
        {
            await using var client = await KindHarness.ConnectAsync(server, dir);
            Assert.Equal($"hello {i}", await client.RoundTripAsync($"hello {i}"));
            Assert.Equal(ExpectedThread(kind), await client.RoundTripAsync("thread"));
        }

        await server.ShutdownAsync().Bounded();
        await serving.Bounded();
    }

    // Threading kinds run handlers on their own threads; event-driven stream kinds on the epoll loops (Linux);
    // datagram kinds on the thread pool.
    private static string ExpectedThread(string kind) =>
        kind.EndsWith("threading", StringComparison.Ordinal) ? ThreadKind.Dedicated
        : kind is "tcp" or "unix-stream" ? ThreadKind.EventDrivenStream
        : ThreadKind.Pool;

    [Theory]
    [MemberData(nameof(KindHarness.AllKinds), MemberType = typeof(KindHarness))]
    public async Task LocalEndPointIsTheSocketsBoundAddress(string kind)
    {
        using var dir = new TempDir();
        await using var server = KindHarness.Create(kind, dir);
        Assert.Null(server.LocalEndPoint);
        await server.StartAsync();

        var local = server.LocalEndPoint;
        if (KindHarness.IsUnix(kind))
        {
            var unix = Assert.IsType<UnixDomainSocketEndPoint>(local);
            Assert.Equal(dir.File(kind.Contains("datagram", StringComparison.Ordinal) ? "s.dgram" : "s.sock"), unix.ToString());
        }
        else
        {
            var ip = Assert.IsType<IPEndPoint>(local);
            Assert.Equal(IPAddress.Loopback, ip.Address);
            Assert.NotEqual(0, ip.Port);
        }

        // The address a client reaches is the one reported.
        _ = server.ServeForeverAsync();
        await using var client = await KindHarness.ConnectAsync(server, dir);
        Assert.Equal("ping", await client.RoundTripAsync("ping"));
    }

    [Fact]
    public async Task TwentyServersStartAndShutDownAtOnce_EveryServeForeverReturns()
    {
        using var dir = new TempDir();
        var servers = new SocketServer[20];
        var serving = new Task[20];
        var dirs = new TempDir[20];
        for (var i = 0; i < servers.Length; i++)
        {
            dirs[i] = new TempDir();
            servers[i] = KindHarness.Create(KindHarness.Kinds[i % KindHarness.Kinds.Length], dirs[i]);
            await servers[i].StartAsync();
            serving[i] = servers[i].ServeForeverAsync();
        }

        await Task.WhenAll(Array.ConvertAll(servers, s => s.ShutdownAsync())).Bounded();
        await Task.WhenAll(serving).Bounded();
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        foreach (var d in dirs)
        {
            d.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(KindHarness.AllKinds), MemberType = typeof(KindHarness))]
    public async Task ClosingANeverServedServerWorks(string kind)
    {
        using var dir = new TempDir();
        var neverStarted = KindHarness.Create(kind, dir);
        await neverStarted.DisposeAsync().AsTask().Bounded();

        var startedOnly = KindHarness.Create(kind, dir);
        await startedOnly.StartAsync();
        await startedOnly.DisposeAsync().AsTask().Bounded();
        if (KindHarness.IsUnix(kind))
        {
            Assert.Empty(System.IO.Directory.GetFileSystemEntries(dir.DirectoryPath)); // the socket file went with it
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await startedOnly.StartAsync());
    }
}
