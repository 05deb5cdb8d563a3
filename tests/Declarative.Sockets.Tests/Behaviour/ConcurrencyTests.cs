using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>What each concurrency mode promises about running connections side by side.</summary>
public sealed class ConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestServers.ConcurrentServers), MemberType = typeof(TestServers))]
    public async Task ConcurrentModesServeManyConnectionsAtOnce(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LineClient.ConnectAsync(server.LocalEndPoint!)));

        // Every client gets an answer while all eight stay open.
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            Assert.Equal($"hello {i}", await client.RequestAsync($"hello {i}"));
        }

        Assert.Equal(8, server.ConnectionCount);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await Wait.UntilAsync(() => server.ConnectionCount == 0, "all connections closed");
    }

    [Theory]
    [InlineData("line-sequential")]
    [InlineData("data-sequential")]
    public async Task SequentialServesOneConnectionAtATime(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        await using var first = await LineClient.ConnectAsync(server.LocalEndPoint!);
        var firstPort = first.LocalPort;
        Assert.Equal("first", await first.RequestAsync("first"));

        // The second client connects (the kernel queues it) and sends, but is served only after the first leaves.
        await using var second = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await second.SendLineAsync("second");
        var secondReply = second.ReadLineAsync();
        await first.DisposeAsync();

        Assert.Equal("second", await secondReply);
        var events = log.Events.ToList();
        var firstGone = events.FindIndex(e => e.Kind == "disconnect" && e.ClientPort == firstPort);
        var secondIn = events.FindIndex(e => e.Kind == "connect" && e.ClientPort == second.LocalPort);
        Assert.True(firstGone >= 0 && secondIn > firstGone, "the second connection began before the first ended");
        Assert.Equal(1, log.MaxActive);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AsyncHandlerThatBlocksDoesNotStallOtherConnections(bool epoll)
    {
        await using var server = await TestServers.StartAsync("line-async", o => o.PreferEpoll = epoll);
        var log = ServerLog.For(server.LocalEndPoint);
        await using var blocked = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await blocked.SendLineAsync("block");
        await Wait.UntilAsync(() => Volatile.Read(ref log.Holding) == 1, "the handler is blocked");
        var blockedReply = blocked.ReadLineAsync();

        // Connections are spread over the event loops round robin: eight of them share the blocked one's loop too.
        var others = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LineClient.ConnectAsync(server.LocalEndPoint!)));
        foreach (var (other, i) in others.Select((c, i) => (c, i)))
        {
            Assert.Equal($"still served {i}", await other.RequestAsync($"still served {i}"));
        }

        Assert.False(blockedReply.IsCompleted);
        log.Unblock.Set();
        Assert.Equal("unblocked", await blockedReply);
        foreach (var other in others)
        {
            Assert.Equal("and after", await other.RequestAsync("and after"));
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task ThreadingHandlerThatBlocksDoesNotStallOtherConnections()
    {
        await using var server = await TestServers.StartAsync("line-threading");
        var log = ServerLog.For(server.LocalEndPoint);
        await using var blocked = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await blocked.SendLineAsync("block");
        var blockedReply = blocked.ReadLineAsync();

        await using var other = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("still served", await other.RequestAsync("still served"));
        Assert.False(blockedReply.IsCompleted);

        log.Unblock.Set();
        Assert.Equal("unblocked", await blockedReply);
    }
}
