using System;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Hooks;

/// <summary>socketserver's StreamRequestHandler.timeout: an idle connection is closed; an active one is not.</summary>
public sealed class ConnectionTimeoutTests
{
    [Theory]
    [InlineData("line-async")]
    [InlineData("line-threading")]
    [InlineData("handle-threading")]
    public async Task AnIdleConnectionIsClosedWithReasonTimeout(string name)
    {
        await using var server = await TestServers.StartAsync(name, o => o.Timeout = TimeSpan.FromMilliseconds(300));
        var log = ServerLog.For(server.LocalEndPoint);
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("hi", await client.RequestAsync("hi"));

        Assert.True(await client.IsClosedByServerAsync());
        await CloseTests.AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.Timeout);
    }

    [Fact]
    public async Task ActivityKeepsTheConnectionOpen()
    {
        await using var server = await TestServers.StartAsync("line-async", o => o.Timeout = TimeSpan.FromSeconds(1));
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        var until = DateTime.UtcNow + TimeSpan.FromMilliseconds(2500); // outlives the timeout more than twice
        while (DateTime.UtcNow < until)
        {
            Assert.Equal("tick", await client.RequestAsync("tick")); // well inside the timeout each time
            await Task.Delay(100); // pacing the client, not synchronisation
        }

        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task AHandlerCanSetTheTimeoutPerConnection()
    {
        await using var server = new ShortTimeout.Server(o => o.Port = 0);
        _ = server.ServeForeverAsync();
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("x", await client.RequestAsync("x"));

        Assert.True(await client.IsClosedByServerAsync());
        await Wait.UntilAsync(() => System.Threading.Volatile.Read(ref ShortTimeout.TimedOut) == 1, "OnDisconnect saw Timeout");
        Assert.Null(new TcpServerOptions().Timeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpServerOptions { Timeout = TimeSpan.Zero }.Validate());
    }
}
