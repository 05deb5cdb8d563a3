using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>Every body kind in every concurrency mode echoes over real loopback sockets.</summary>
public sealed class EchoTests
{
    [Theory]
    [MemberData(nameof(TestServers.AllServers), MemberType = typeof(TestServers))]
    public async Task FiftyConcurrentClientsGetEveryLineBackInOrder(string name)
    {
        await using var server = await TestServers.StartAsync(name);

        var clients = Enumerable.Range(0, 50).Select(async i =>
        {
            await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
            var expected = Enumerable.Range(0, 100).Select(j => $"client {i} line {j}").ToArray();

            // Send everything first (pipelined), then read: replies must come back complete and in order.
            await client.SendAsync(string.Concat(expected.Select(l => l + "\n")));
            foreach (var line in expected)
            {
                Assert.Equal(line, await client.ReadLineAsync());
            }
        });

        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Theory]
    [MemberData(nameof(TestServers.LineAndHandleServers), MemberType = typeof(TestServers))]
    public async Task CarriageReturnBeforeNewlineIsStripped(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);

        await client.SendAsync("dos line\r\nunix line\n");

        Assert.Equal("dos line", await client.ReadLineAsync());
        Assert.Equal("unix line", await client.ReadLineAsync());
    }

    [Fact]
    public async Task PortZeroResolvesToTheBoundPort()
    {
        await using var server = await TestServers.StartAsync("line-async");

        var endPoint = Assert.IsType<IPEndPoint>(server.LocalEndPoint);
        Assert.NotEqual(0, endPoint.Port);
        Assert.Equal(IPAddress.Loopback, endPoint.Address);
        await using var client = await LineClient.ConnectAsync(endPoint);
        Assert.Equal("ping", await client.RequestAsync("ping"));
    }

    [Fact]
    public async Task APortAnotherServerListensOnIsAnErrorDespiteReuseAddress()
    {
        await using var first = await TestServers.StartAsync("line-async");
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;
        await using var second = new LineAsync.Server(o => o.Port = port);

        var error = await Assert.ThrowsAsync<SocketException>(async () => await second.StartAsync());
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        await using var client = await LineClient.ConnectAsync(first.LocalEndPoint!);
        Assert.Equal("still mine", await client.RequestAsync("still mine"));
    }

    [SkippableFact]
    public async Task ServesIPv6Loopback()
    {
        Skip.IfNot(Socket.OSSupportsIPv6, "IPv6 is not available on this machine");
        await using var server = await TestServers.StartAsync("line-async", o => o.Host = "::1");

        var endPoint = Assert.IsType<IPEndPoint>(server.LocalEndPoint);
        Assert.Equal(IPAddress.IPv6Loopback, endPoint.Address);
        await using var client = await LineClient.ConnectAsync(endPoint);
        Assert.Equal("over v6", await client.RequestAsync("over v6"));
    }

    [Fact]
    public async Task ThreadingHandlersRunOnDedicatedThreadsAndAsyncOnesOnTheEventLoop()
    {
        await using var threading = await TestServers.StartAsync("line-threading");
        await using var evented = await TestServers.StartAsync("line-async");
        await using var a = await LineClient.ConnectAsync(threading.LocalEndPoint!);
        await using var b = await LineClient.ConnectAsync(evented.LocalEndPoint!);

        // The first line may be read by the connection's start-up code before it waits on the loop: ask second.
        Assert.Equal("warm", await b.RequestAsync("warm"));
        Assert.Equal(ThreadKind.Dedicated, await a.RequestAsync("thread"));
        Assert.Equal(ThreadKind.EventDrivenStream, await b.RequestAsync("thread"));
    }

    [Fact]
    public async Task AsyncModeWithoutEpollRunsHandlersOnThePool()
    {
        await using var server = await TestServers.StartAsync("line-async", o => o.PreferEpoll = false);
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);

        Assert.Equal(ThreadKind.Pool, await client.RequestAsync("thread"));
    }
}
