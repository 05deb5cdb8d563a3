using System;
using System.Linq;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>OnDisconnect fires exactly once, with the right reason, on every close path; errors stay contained.</summary>
public sealed class CloseTests
{
    [Theory]
    [MemberData(nameof(TestServers.AllServers), MemberType = typeof(TestServers))]
    public async Task ClientCloseIsReportedOnce(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("hi", await client.RequestAsync("hi"));
        var port = client.LocalPort;

        client.ShutdownSend();
        Assert.True(await client.IsClosedByServerAsync());
        await client.DisposeAsync();

        await AssertSingleDisconnectAsync(log, port, DisconnectReason.ClientClosed);
    }

    [Theory]
    [MemberData(nameof(TestServers.LineServers), MemberType = typeof(TestServers))]
    public async Task ResetIsReportedOnce(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal("hi", await client.RequestAsync("hi"));
        var port = client.LocalPort;

        client.Reset();

        var reason = await SingleDisconnectAsync(log, port);
        Assert.True(reason is DisconnectReason.ConnectionReset or DisconnectReason.ClientClosed, $"unexpected {reason}");
    }

    [Theory]
    [MemberData(nameof(TestServers.LineAndHandleServers), MemberType = typeof(TestServers))]
    public async Task HandlerCloseSendsPendingReplyThenClosesOnce(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);

        Assert.Equal("bye", await client.RequestAsync("quit"));
        Assert.True(await client.IsClosedByServerAsync());

        await AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.ClosedByHandler);
    }

    [Theory]
    [MemberData(nameof(TestServers.LineAndHandleServers), MemberType = typeof(TestServers))]
    public async Task HandlerErrorReachesOnErrorAndClosesOnlyThatConnection(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        await using var failing = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await using var bystander = await Bystander.ConnectAsync(name, server);

        await failing.SendLineAsync("boom");
        Assert.True(await failing.IsClosedByServerAsync());

        await AssertSingleDisconnectAsync(log, failing.LocalPort, DisconnectReason.HandlerError);
        var error = Assert.Single(log.Of(failing.LocalPort), e => e.Kind == "error");
        Assert.Equal("boom", error.Error!.Message);
        Assert.Equal("boom", log.Disconnects(failing.LocalPort).Single().Error!.Message);
        Assert.Equal("after", await bystander.RequestAsync("after"));
    }

    [Theory]
    [MemberData(nameof(TestServers.LineServers), MemberType = typeof(TestServers))]
    public async Task OverlongLineClosesThatConnectionOnly(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        await using var flooding = await LineClient.ConnectAsync(server.LocalEndPoint!);
        await using var bystander = await Bystander.ConnectAsync(name, server);

        // No newline at all: rejected once it provably exceeds the limit, not buffered forever.
        await flooding.SendAsync(new string('x', TestServers.MaxLine + 2));
        Assert.True(await flooding.IsClosedByServerAsync());

        await AssertSingleDisconnectAsync(log, flooding.LocalPort, DisconnectReason.MessageTooLong);
        Assert.Equal("fine", await bystander.RequestAsync("fine"));
    }

    [Theory]
    [MemberData(nameof(TestServers.LineServers), MemberType = typeof(TestServers))]
    public async Task LineOfExactlyMaxLengthIsAccepted(string name)
    {
        await using var server = await TestServers.StartAsync(name);
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        var longest = new string('y', TestServers.MaxLine);

        // The delimiter arrives in a separate write, split from the line's last byte.
        await client.SendAsync(longest + "\r");
        await client.SendAsync("\n");

        Assert.Equal(longest, await client.ReadLineAsync());
    }

    /// <summary>
    /// Another client that must be unaffected. On concurrent servers it is already talking when trouble starts; a
    /// Sequential server cannot serve it before the troubled connection ends, so there it just queues.
    /// </summary>
    private static class Bystander
    {
        public static async Task<LineClient> ConnectAsync(string name, TcpSocketServer server)
        {
            var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
            if (!name.EndsWith("sequential", StringComparison.Ordinal))
            {
                Assert.Equal("before", await client.RequestAsync("before"));
            }

            return client;
        }
    }

    internal static async Task<DisconnectReason> SingleDisconnectAsync(ServerLog log, int port)
    {
        await Wait.UntilAsync(() => log.Disconnects(port).Count > 0, "OnDisconnect");
        var only = Assert.Single(log.Disconnects(port));
        return only.Reason!.Value;
    }

    internal static async Task AssertSingleDisconnectAsync(ServerLog log, int port, DisconnectReason expected)
    {
        Assert.Equal(expected, await SingleDisconnectAsync(log, port));
    }
}
