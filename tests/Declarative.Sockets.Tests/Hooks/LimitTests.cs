using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Hooks;

/// <summary>Issue 5: idle timeout from one heartbeat, connection limits, read-rate limit, registry and broadcast.</summary>
public sealed class LimitTests
{
    [Theory]
    [InlineData("line-async")]
    [InlineData("line-threading")]
    [InlineData("handle-threading")]
    [InlineData("data-async")]
    public async Task AnIdleConnectionWithoutOnIdleClosesWithReasonIdleTimeout(string name)
    {
        await using var server = await TestServers.StartAsync(name, o => o.IdleTimeout = TimeSpan.FromMilliseconds(200));
        var log = ServerLog.For(server.LocalEndPoint);
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("hi", await client.RequestAsync("hi"));

        Assert.True(await client.IsClosedByServerAsync());
        await CloseTests.AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.IdleTimeout);
    }

    [Fact]
    public async Task OnIdleRunsThenTheConnectionClosesGracefully()
    {
        await using var server = new IdleFarewell.Server(o => o.Port = 0);
        _ = server.ServeForeverAsync();
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("x", await client.RequestAsync("x"));

        Assert.Equal("bye", await client.ReadLineAsync()); // written by the hook, sent before the close
        Assert.True(await client.IsClosedByServerAsync());
        await Wait.UntilAsync(() => Volatile.Read(ref IdleFarewell.IdleClosed) == 1, "OnDisconnect saw IdleTimeout");
        Assert.Equal(1, Volatile.Read(ref IdleFarewell.Idle));
    }

    [Fact]
    public async Task OnIdleReturningTrueKeepsTheConnectionOpenForAnotherPeriod()
    {
        await using var server = new IdleKeepAlive.Server(o => o.Port = 0);
        _ = server.ServeForeverAsync();
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("x", await client.RequestAsync("x"));

        // The first two idle periods return true and keep it open; the third returns false and closes it.
        Assert.True(await client.IsClosedByServerAsync());
        await Wait.UntilAsync(() => Volatile.Read(ref IdleKeepAlive.IdleClosed) == 1, "OnDisconnect saw IdleTimeout");
        Assert.Equal(3, Volatile.Read(ref IdleKeepAlive.Calls));
    }

    [Fact]
    public async Task ActivityKeepsAnIdleTimeoutConnectionOpen()
    {
        // A timeout well above the client's pacing, so a loaded machine stalling the client for a few hundred
        // milliseconds cannot pass for idleness; the client stays active for more than two timeouts.
        await using var server = await TestServers.StartAsync("line-async", o => o.IdleTimeout = TimeSpan.FromSeconds(1));
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        var until = DateTime.UtcNow + TimeSpan.FromMilliseconds(2500);
        while (DateTime.UtcNow < until)
        {
            Assert.Equal("tick", await client.RequestAsync("tick"));
            await Task.Delay(50); // pacing the client, not synchronisation
        }

        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task ManyIdleConnectionsCloseFromOneHeartbeat()
    {
        // Behaviour only: every connection closes, none is left behind; the heartbeat is one timer per server
        // (StreamSocketServer.HeartbeatAsync), there is no per-connection timer to observe.
        await using var server = await TestServers.StartAsync("line-async", o => o.IdleTimeout = TimeSpan.FromMilliseconds(150));
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => LineClient.ConnectAsync(server.LocalEndPoint!)));
        try
        {
            foreach (var client in clients)
            {
                Assert.True(await client.IsClosedByServerAsync());
            }

            await Wait.UntilAsync(() => server.ConnectionCount == 0, "every idle connection closed");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MaxConnectionsRefuseClosesTheExtraPeerAndCountsIt()
    {
        await using var server = await TestServers.StartAsync("line-async", o => o.MaxConnections = 2);
        await using var a = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await using var b = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("a", await a.RequestAsync("a"));
        Assert.Equal("b", await b.RequestAsync("b"));

        await using (var c = await LineClient.ConnectAsync(server.LocalEndPoint!))
        {
            Assert.True(await c.IsClosedByServerAsync());
        }

        Assert.Equal(1, server.RefusedCount);
        await a.DisposeAsync();
        await Wait.UntilAsync(() => server.ConnectionCount == 1, "a slot freed");
        await using var d = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("d", await d.RequestAsync("d"));
    }

    [Fact]
    public async Task MaxConnectionsQueueWaitsForASlot()
    {
        await using var server = await TestServers.StartAsync("line-async", o =>
        {
            o.MaxConnections = 1;
            o.OverLimit = OverLimit.Queue;
        });
        var a = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("a", await a.RequestAsync("a"));

        await using var b = await LineClient.ConnectAsync(server.LocalEndPoint!); // completes in the kernel backlog
        await b.SendLineAsync("b");
        var answer = b.ReadLineAsync();
        var early = await Task.WhenAny(answer, Task.Delay(300)); // a bounded negative check: no answer while full
        Assert.NotSame(answer, early);
        Assert.Equal(1, server.ConnectionCount);

        await a.DisposeAsync();
        Assert.Equal("b", await answer);
        Assert.Equal(0, server.RefusedCount);
    }

    [Fact]
    public async Task MaxConnectionsPerPeerRefusesBeyondTheLimitForThatAddressOnly()
    {
        await using var server = await TestServers.StartAsync("line-async", o => o.MaxConnectionsPerPeer = 2);
        await using var a = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await using var b = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("a", await a.RequestAsync("a"));
        Assert.Equal("b", await b.RequestAsync("b"));
        await using (var c = await LineClient.ConnectAsync(server.LocalEndPoint!))
        {
            Assert.True(await c.IsClosedByServerAsync());
        }

        Assert.Equal(1, server.RefusedCount);

        // Another loopback address is another peer.
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        other.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await other.ConnectAsync(server.LocalEndPoint!).WaitAsync(Wait.Default);
        await other.SendAsync("o\n"u8.ToArray()).WaitAsync(Wait.Default);
        var buffer = new byte[2];
        var read = 0;
        while (read < 2)
        {
            var n = await other.ReceiveAsync(buffer.AsMemory(read)).AsTask().WaitAsync(Wait.Default);
            Assert.NotEqual(0, n);
            read += n;
        }

        Assert.Equal("o\n"u8.ToArray(), buffer);
        Assert.Equal(1, server.RefusedCount);
    }

    [Fact]
    public async Task MaxReadBytesPerSecondBoundsWhatTheHandlerIsGiven()
    {
        const int Rate = 4096;
        await using var server = new ThrottledSink.Server(o => o.Port = 0);
        _ = server.ServeForeverAsync();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)server.LocalEndPoint!).Bounded();
        var stream = client.GetStream();
        using var stop = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            var chunk = new byte[16384];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk, stop.Token); // blocks on backpressure once the server stops reading
                }
            }
            catch (Exception)
            {
                // Stopped or closed.
            }
        });

        await Wait.UntilAsync(() => Interlocked.Read(ref ThrottledSink.Received) > 0, "first bytes");
        var clock = Stopwatch.StartNew();
        await Wait.UntilAsync(() => Interlocked.Read(ref ThrottledSink.Received) >= 3 * Rate, "three windows' worth");
        var elapsed = clock.Elapsed;
        var received = Interlocked.Read(ref ThrottledSink.Received);

        // Three budgets need at least two new one-second windows after the first byte arrived.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(900), $"3 x {Rate} bytes after only {elapsed}");

        // Never more than one budget per window begun: the first, plus one per second since.
        var windows = (long)Math.Ceiling(clock.Elapsed.TotalSeconds) + 2;
        Assert.True(received <= windows * Rate, $"{received} bytes in {elapsed}");
        stop.Cancel();
        client.Close();
        await sending.Bounded();
    }

    [Fact]
    public async Task ConnectionsIsASnapshotAndBroadcastReachesEveryLiveConnection()
    {
        await using var server = await TestServers.StartAsync("line-async");
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => LineClient.ConnectAsync(server.LocalEndPoint!)));
        try
        {
            foreach (var client in clients)
            {
                Assert.Equal("hi", await client.RequestAsync("hi"));
            }

            Assert.Equal(3, server.Connections.Count);
            Assert.Equal(
                clients.Select(c => c.LocalPort).Order(),
                server.Connections.Select(c => ((IPEndPoint)c.RemoteEndPoint).Port).Order());

            await server.BroadcastLineAsync("news").Bounded();
            foreach (var client in clients)
            {
                Assert.Equal("news", await client.ReadLineAsync());
            }

            await server.BroadcastAsync("raw\n"u8.ToArray()).Bounded();
            foreach (var client in clients)
            {
                Assert.Equal("raw", await client.ReadLineAsync());
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task BroadcastWithAFilterReachesOnlyTheChosenAndADeadPeerDoesNotBlockIt()
    {
        await using var server = await TestServers.StartAsync("line-async");
        await using var a = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await using var b = await LineClient.ConnectAsync(server.LocalEndPoint!);
        var dead = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("a", await a.RequestAsync("a"));
        Assert.Equal("b", await b.RequestAsync("b"));
        Assert.Equal("d", await dead.RequestAsync("d"));
        dead.Socket.LingerState = new LingerOption(true, 0);
        await dead.DisposeAsync(); // reset: the server may still list it when the broadcast starts

        var skip = b.LocalPort;
        await server.BroadcastLineAsync("only", c => ((IPEndPoint)c.RemoteEndPoint).Port != skip).Bounded();
        Assert.Equal("only", await a.ReadLineAsync());

        // b got nothing: its next line is the echo of its own request.
        Assert.Equal("again", await b.RequestAsync("again"));
    }

    [Fact]
    public async Task AttributeLimitsBecomeTheDefaultOptionsAndNegativeOptionsAreRejected()
    {
        await using var server = new DeclaredLimits.Server(o => o.Port = 0);
        Assert.Equal(3, server.Options.MaxConnections);
        Assert.Equal(OverLimit.Queue, server.Options.OverLimit);
        Assert.Equal(2, server.Options.MaxConnectionsPerPeer);
        Assert.Equal(TimeSpan.FromMinutes(1), server.Options.IdleTimeout);
        Assert.Equal(0, server.Options.MaxReadBytesPerSecond);

        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpServerOptions { MaxConnections = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpServerOptions { MaxConnectionsPerPeer = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpServerOptions { MaxReadBytesPerSecond = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpServerOptions { IdleTimeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpServerOptions { OverLimit = (OverLimit)7 }.Validate());
        await Task.CompletedTask;
    }
}
