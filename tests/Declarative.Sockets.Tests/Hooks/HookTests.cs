using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Hooks;

/// <summary>socketserver's BaseServer hooks: verify_request, handle_error, handle_timeout, service_actions, shutdown, server_close.</summary>
public sealed class HookTests
{
    [Fact]
    public async Task RefusedPeerIsShutDownExactlyOnce_WithoutAHandler()
    {
        using var dir = new TempDir();
        await using var server = new RefusingTcp.Server(o => o.Port = 0);
        _ = server.ServeForeverAsync();

        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.True(await client.IsClosedByServerAsync());
        await Wait.UntilAsync(() => server.RefusedCount == 1, "the peer was refused");

        var refused = Assert.Single(RefusingTcp.Verified);
        Assert.Equal(1, refused.ShutdownCalls);
        Assert.Equal(0, server.ConnectionCount);
        Assert.Equal(0, Volatile.Read(ref RefusingTcp.Connects));
        Assert.Equal(0, Volatile.Read(ref RefusingTcp.Disconnects));
    }

    [Fact]
    public async Task RefusedDatagramNeverReachesAHandler()
    {
        using var dir = new TempDir();
        await using var server = new RefusingUdp.Server(o => o.Port = 0);
        await server.StartAsync();
        await using var client = await KindHarness.ConnectAsync(server, dir);

        RefusingUdp.RefuseNext = true;
        var refusedSend = client.RoundTripAsync("refused");
        Assert.False(await server.HandleRequestAsync(TimeSpan.FromMilliseconds(300)));
        Assert.True(Volatile.Read(ref RefusingUdp.Checked) >= 1);

        RefusingUdp.RefuseNext = false;
        var accepted = KindHarness.ConnectAsync(server, dir);
        await using var second = await accepted;
        var reply = second.RoundTripAsync("accepted");
        Assert.True(await server.HandleRequestAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("accepted", await reply);
        Assert.False(refusedSend.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("udp-threading")]
    [InlineData("tcp-threading")]
    public async Task HandlerErrorIsReportedOnce_AndTheServerKeepsServing(string kind)
    {
        using var dir = new TempDir();
        SocketServer server = kind switch
        {
            "udp" => new FailingUdp.Server(o => o.Port = 0),
            "udp-threading" => new FailingUdpThreading.Server(o => o.Port = 0),
            _ => new FailingTcpThreading.Server(o => o.Port = 0),
        };
        Func<int> errors = kind switch
        {
            "udp" => () => Volatile.Read(ref FailingUdp.Errors),
            "udp-threading" => () => Volatile.Read(ref FailingUdpThreading.Errors),
            _ => () => Volatile.Read(ref FailingTcpThreading.Errors),
        };
        await using var disposeServer = server;
        _ = server.ServeForeverAsync();

        await using (var client = await KindHarness.ConnectAsync(server, dir))
        {
            if (server is DatagramSocketServer)
            {
                await client.SendAsync("boom");
            }
            else
            {
                await Assert.ThrowsAnyAsync<Exception>(() => client.RoundTripAsync("boom")); // the connection closes on the error
            }
        }

        await Wait.UntilAsync(() => errors() >= 1, "the error was reported");
        await using var next = await KindHarness.ConnectAsync(server, dir);
        Assert.Equal("still serving", await next.RoundTripAsync("still serving"));
        Assert.Equal(1, errors());
    }

    [Fact]
    public async Task OversizeDatagramIsReported_NotDispatched_AndTheServerKeepsServing()
    {
        using var dir = new TempDir();
        var reported = new ConcurrentQueue<Exception>();
        await using var server = new UdpEchoAsync.Server(o =>
        {
            o.Port = 0;
            o.MaxPacketSize = 16;
            o.UnhandledError = (error, _) => reported.Enqueue(error);
        });
        _ = server.ServeForeverAsync();
        await using var client = await KindHarness.ConnectAsync(server, dir);

        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await raw.SendToAsync(new byte[100], SocketFlags.None, server.LocalEndPoint!);
        await Wait.UntilAsync(() => !reported.IsEmpty, "the oversize datagram was reported");
        var error = Assert.IsType<DatagramTooLargeException>(Assert.Single(reported));
        Assert.Equal(16, error.MaxPacketSize);

        Assert.Equal("exactly 16 bytes", await client.RoundTripAsync("exactly 16 bytes"));
    }

    [Fact]
    public async Task HandleRequestTimeoutCallsOnTimeout_ThenHandlesExactlyOneDatagram()
    {
        using var dir = new TempDir();
        await using var server = new TimeoutUdp.Server(o => o.Port = 0);
        await server.StartAsync();

        Assert.False(await server.HandleRequestAsync(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(1, Volatile.Read(ref TimeoutUdp.Timeouts));

        await using var client = await KindHarness.ConnectAsync(server, dir);
        var reply = client.RoundTripAsync("one");
        Assert.True(await server.HandleRequestAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("one", await reply);
        Assert.Equal(1, Volatile.Read(ref TimeoutUdp.Timeouts));
    }

    [Fact]
    public async Task HandleRequestTimeoutCallsOnTimeout_OnAUnixStreamServer()
    {
        using var dir = new TempDir();
        await using var server = new TimeoutUnix.Server(o => o.Path = dir.File("t.sock"));
        await server.StartAsync();

        Assert.False(await server.HandleRequestAsync(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(1, Volatile.Read(ref TimeoutUnix.Timeouts));

        var client = await KindHarness.ConnectAsync(server, dir);
        var handled = server.HandleRequestAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("one", await client.RoundTripAsync("one"));
        await client.DisposeAsync();
        Assert.True(await handled.Bounded());
    }

    [Fact]
    public async Task ServiceActionsRunPeriodicallyWhileServing()
    {
        await using var tcp = new ServicedTcp.Server(o => o.Port = 0);
        await using var udp = new ServicedUdp.Server(o => o.Port = 0);
        var servingTcp = tcp.ServeForeverAsync();
        var servingUdp = udp.ServeForeverAsync();

        await Wait.UntilAsync(() => Volatile.Read(ref ServicedTcp.Ticks) >= 3 && Volatile.Read(ref ServicedUdp.Ticks) >= 3, "three service ticks each");

        await Task.WhenAll(tcp.ShutdownAsync(), udp.ShutdownAsync()).Bounded();
        await Task.WhenAll(servingTcp, servingUdp).Bounded();
    }

    [Theory]
    [InlineData("async")]
    [InlineData("threading")]
    [InlineData("sequential")]
    [InlineData("udp")]
    public async Task ShutdownFromInsideAHandlerDoesNotDeadlock(string mode)
    {
        using var dir = new TempDir();
        SocketServer server = mode switch
        {
            "async" => SelfStoppingAsync.Current = new SelfStoppingAsync.Server(o => o.Port = 0),
            "threading" => SelfStoppingThreading.Current = new SelfStoppingThreading.Server(o => o.Port = 0),
            "sequential" => SelfStoppingSequential.Current = new SelfStoppingSequential.Server(o => o.Port = 0),
            _ => SelfStoppingUdp.Current = new SelfStoppingUdp.Server(o => o.Port = 0),
        };
        await using var disposeServer = server;
        var serving = server.ServeForeverAsync();
        await using var client = await KindHarness.ConnectAsync(server, dir);
        Assert.Equal("warm", await client.RoundTripAsync("warm"));

        Assert.Equal("stopping", await client.RoundTripAsync("stop"));

        await serving.Bounded();
        await server.ShutdownAsync().Bounded(); // and from outside, afterwards, it completes too
        Assert.True(server.IsShuttingDown);
    }

    [Fact]
    public async Task ServeForeverWithACancelledTokenReturnsWithoutServing()
    {
        await using var server = new ServicedTcp.Server(o => o.Port = 0);
        await server.StartAsync();
        await server.ServeForeverAsync(new CancellationToken(canceled: true)).Bounded();
        Assert.NotNull(server.LocalEndPoint);
    }

    [Fact]
    public async Task ShutdownFromAnotherThreadWhileServing()
    {
        await using var server = new ServicedTcp.Server(o => o.Port = 0);
        var serving = server.ServeForeverAsync();
        await Task.Run(() => server.ShutdownAsync()).Bounded();
        await serving.Bounded();
    }

    [Fact]
    public async Task DisposeWithBlockOnCloseWaitsForHandlerThreads()
    {
        var server = new BlockingThreading.Server(o => { o.Port = 0; o.DrainTimeout = TimeSpan.FromMilliseconds(100); });
        _ = server.ServeForeverAsync();
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await client.SendLineAsync("block");
        await Wait.UntilAsync(() => Volatile.Read(ref BlockingThreading.Blocked) == 1, "the handler thread is blocked");

        var dispose = server.DisposeAsync().AsTask();
        Assert.True(await client.IsClosedByServerAsync()); // the drain timed out: the connection was aborted...
        await Wait.UntilAsync(() => server.IsShuttingDown, "shutdown began");
        Assert.False(dispose.IsCompleted); // ...but close still waits for the thread
        Assert.Equal(1, server.HandlerThreadCount);

        BlockingThreading.Unblock.Set();
        await dispose.Bounded();
        Assert.Equal(0, server.HandlerThreadCount);
    }

    [Fact]
    public async Task DisposeWithoutBlockOnCloseLeavesHandlerThreadsRunning()
    {
        var server = new NonBlockingOnClose.Server(o => { o.Port = 0; o.DrainTimeout = TimeSpan.FromMilliseconds(100); o.BlockOnClose = false; });
        _ = server.ServeForeverAsync();
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await client.SendLineAsync("block");
        await Wait.UntilAsync(() => Volatile.Read(ref NonBlockingOnClose.Blocked) == 1, "the handler thread is blocked");

        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1, server.HandlerThreadCount);

        NonBlockingOnClose.Unblock.Set();
        await Wait.UntilAsync(() => server.HandlerThreadCount == 0, "the handler thread finished");
    }

    [Fact]
    public async Task DaemonThreadsSetsIsBackground()
    {
        using var dir = new TempDir();
        await using var foreground = new ForegroundThreads.Server(o => o.Port = 0);
        await using var daemon = new DaemonUdp.Server(o => o.Port = 0);
        _ = foreground.ServeForeverAsync();
        _ = daemon.ServeForeverAsync();

        await using (var client = await KindHarness.ConnectAsync(foreground, dir))
        {
            Assert.Equal("foreground", await client.RoundTripAsync("x"));
        }

        await using var udpClient = await KindHarness.ConnectAsync(daemon, dir);
        Assert.Equal("background", await udpClient.RoundTripAsync("x"));
    }

    [Theory]
    [InlineData("tcp-threading")]
    [InlineData("unix-stream-threading")]
    [InlineData("udp-threading")]
    [InlineData("unix-datagram-threading")]
    public async Task FinishedHandlerThreadsDoNotPileUp(string kind)
    {
        using var dir = new TempDir();
        await using var server = KindHarness.Create(kind, dir);
        _ = server.ServeForeverAsync();

        for (var i = 0; i < 20; i++)
        {
            await using var client = await KindHarness.ConnectAsync(server, dir);
            Assert.Equal($"r{i}", await client.RoundTripAsync($"r{i}"));
        }

        await Wait.UntilAsync(() => server.HandlerThreadCount == 0, "every handler thread finished and was dropped");
    }
}
