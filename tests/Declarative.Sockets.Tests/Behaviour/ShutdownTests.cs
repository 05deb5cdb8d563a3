using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>Shutdown stops accepting, lets in-flight handlers finish, then closes every connection once.</summary>
public sealed class ShutdownTests
{
    [Theory]
    [MemberData(nameof(TestServers.LineAndHandleServers), MemberType = typeof(TestServers))]
    public async Task ShutdownDrainsInFlightRequestsThenCloses(string name)
    {
        var server = await TestServers.StartAsync(name);
        var endPoint = server.LocalEndPoint!;
        var log = ServerLog.For(endPoint);
        await using var client = await LineClient.ConnectAsync(endPoint);
        Assert.Equal("warm", await client.RequestAsync("warm"));
        await client.SendLineAsync("hold");
        await Wait.UntilAsync(() => Volatile.Read(ref log.Holding) == 1, "the handler is holding a request");

        var shutdown = server.ShutdownAsync();
        await Wait.UntilAsync(() => server.IsShuttingDown, "shutdown began");

        // No longer accepting...
        await Assert.ThrowsAnyAsync<SocketException>(async () => await LineClient.ConnectAsync(endPoint));
        Assert.False(shutdown.IsCompleted);

        // ...but the held request still gets its reply before the connection closes.
        log.Release.SetResult();
        Assert.Equal("held", await client.ReadLineAsync());
        Assert.True(await client.IsClosedByServerAsync());
        await shutdown.Bounded();

        await CloseTests.AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.ServerShutdown);
        Assert.Equal(0, server.ConnectionCount);
        await server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(TestServers.AllServers), MemberType = typeof(TestServers))]
    public async Task ShutdownClosesIdleConnectionsAndServeForeverReturns(string name)
    {
        var server = await TestServers.StartAsync(name, o => o.DrainTimeout = TimeSpan.FromSeconds(5));
        var log = ServerLog.For(server.LocalEndPoint);
        var serving = server.ServeForeverAsync();
        await using var idle = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("x", await idle.RequestAsync("x"));

        await server.ShutdownAsync().Bounded();

        Assert.True(await idle.IsClosedByServerAsync());
        await serving.Bounded();
        await CloseTests.AssertSingleDisconnectAsync(log, idle.LocalPort, DisconnectReason.ServerShutdown);
    }

    [Fact]
    public async Task DrainTimeoutAbortsHandlersThatDoNotFinish()
    {
        var server = await TestServers.StartAsync("line-threading", o => o.DrainTimeout = TimeSpan.FromMilliseconds(200));
        var log = ServerLog.For(server.LocalEndPoint);
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await client.SendLineAsync("block");
        await Wait.UntilAsync(() => Volatile.Read(ref log.Holding) == 1, "the handler is blocked");

        var shutdown = server.ShutdownAsync();
        Assert.True(await client.IsClosedByServerAsync()); // aborted after the drain timeout
        log.Unblock.Set();
        await shutdown.Bounded();

        await CloseTests.AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.Aborted);
    }

    [Fact]
    public async Task HandleRequestHonoursItsTimeoutAndServesExactlyOne()
    {
        await using var server = new LineSequential.Server(o => o.Port = 0);
        await server.StartAsync();

        Assert.False(await server.HandleRequestAsync(TimeSpan.FromMilliseconds(50)));

        var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        var handled = server.HandleRequestAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("one", await client.RequestAsync("one"));
        await client.DisposeAsync();
        Assert.True(await handled.Bounded());
    }
}
