using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

[TcpServer]
public partial class FrameInt32Async
{
    [OnFrame(MaxLength = FrameTests.MaxFrame)] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> payload, Connection c) => FrameTests.Reply(payload, c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
}

[TcpServer(Threading = true)]
public partial class FrameInt32Threading
{
    [OnFrame(Format = FrameFormat.Int32Prefix, MaxLength = FrameTests.MaxFrame)] public byte[] Echo(ReadOnlySpan<byte> payload, Connection c) => FrameTests.Reply(payload.ToArray(), c).ToArray();
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
}

[TcpServer(Sequential = true)]
public partial class FrameInt32Sequential
{
    [OnFrame(MaxLength = FrameTests.MaxFrame)] public ValueTask Echo(ReadOnlyMemory<byte> payload, Connection c) => c.WriteAsync(Framed(FrameTests.Reply(payload, c)));
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);

    private static ReadOnlyMemory<byte> Framed(ReadOnlyMemory<byte> payload)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        LengthPrefixFramer.Write(writer, payload.Span, LengthPrefix.Int32, FrameTests.MaxFrame);
        return writer.WrittenMemory;
    }
}

[TcpServer]
public partial class FrameNetstringAsync
{
    [OnFrame(Format = FrameFormat.Netstring, MaxLength = FrameTests.MaxFrame)] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> payload, Connection c) => FrameTests.Reply(payload, c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
}

[TcpServer(Threading = true)]
public partial class FrameNetstringThreading
{
    [OnFrame(Format = FrameFormat.Netstring, MaxLength = FrameTests.MaxFrame)] public byte[] Echo(ReadOnlySpan<byte> payload, Connection c) => FrameTests.Reply(payload.ToArray(), c).ToArray();
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
}

/// <summary>[OnFrame] servers over loopback: Int32-prefixed and netstring echo in every TCP mode.</summary>
public sealed class FrameTests
{
    public const int MaxFrame = 256 * 1024;

    public static TheoryData<string> Servers => new() { "int32-async", "int32-threading", "int32-sequential", "netstring-async", "netstring-threading" };

    public static TheoryData<string> ConcurrentServers => new() { "int32-async", "int32-threading", "netstring-async", "netstring-threading" };

    internal static ReadOnlyMemory<byte> Reply(ReadOnlyMemory<byte> payload, Connection c)
    {
        if (payload.Span.SequenceEqual("quit"u8))
        {
            c.Close();
        }

        return payload;
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task EchoesFramesForManyClients(string name)
    {
        await using var server = await StartAsync(name);
        var sizes = new[] { 0, 1, 5, 100, 4000, 20000 };
        var clients = Enumerable.Range(0, 16).Select(async i =>
        {
            await using var client = await FrameClient.ConnectAsync(server.LocalEndPoint!, IsNetstring(name));
            foreach (var size in sizes)
            {
                var payload = Enumerable.Range(0, size).Select(b => (byte)(b * 7 + i)).ToArray();
                await client.SendFrameAsync(payload);
                Assert.Equal(payload, await client.ReadFrameAsync());
            }

            // Pipelined: several frames in one write, replies in order.
            var batch = Enumerable.Range(0, 8).Select(k => $"client {i} frame {k}").ToArray();
            await client.SendRawAsync(batch.SelectMany(p => client.Encode(Encoding.UTF8.GetBytes(p))).ToArray());
            foreach (var expected in batch)
            {
                Assert.Equal(expected, Encoding.UTF8.GetString((await client.ReadFrameAsync())!));
            }
        });
        await Task.WhenAll(clients).Bounded();
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task FrameLargerThanThePipeWindowIsAssembled(string name)
    {
        await using var server = await StartAsync(name);
        await using var client = await FrameClient.ConnectAsync(server.LocalEndPoint!, IsNetstring(name));
        var payload = Enumerable.Range(0, MaxFrame).Select(b => (byte)(b % 251)).ToArray();

        var send = client.SendFrameAsync(payload);
        Assert.Equal(payload, await client.ReadFrameAsync());
        await send;
        Assert.Equal("after", await client.RequestAsync("after"));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task FrameSplitByteByByteArrivesWhole(string name)
    {
        await using var server = await StartAsync(name);
        await using var client = await FrameClient.ConnectAsync(server.LocalEndPoint!, IsNetstring(name));
        var bytes = client.Encode(Encoding.UTF8.GetBytes("split across many reads"));

        foreach (var b in bytes)
        {
            await client.SendRawAsync(new[] { b });
            await Task.Delay(2);
        }

        Assert.Equal("split across many reads", Encoding.UTF8.GetString((await client.ReadFrameAsync())!));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task HandlerCloseSendsTheReplyThenCloses(string name)
    {
        await using var server = await StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        await using var client = await FrameClient.ConnectAsync(server.LocalEndPoint!, IsNetstring(name));

        Assert.Equal("quit", await client.RequestAsync("quit"));
        Assert.True(await client.IsClosedByServerAsync());
        await CloseTests.AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.ClosedByHandler);
    }

    [Theory]
    [MemberData(nameof(ConcurrentServers))]
    public async Task OverlongFrameClosesOnlyThatConnection(string name)
    {
        await using var server = await StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        await using var bystander = await FrameClient.ConnectAsync(server.LocalEndPoint!, IsNetstring(name));
        Assert.Equal("before", await bystander.RequestAsync("before"));
        await using var flooding = await FrameClient.ConnectAsync(server.LocalEndPoint!, IsNetstring(name));

        // Only the header: rejected from the declared length, without waiting for a body.
        var header = IsNetstring(name) ? Encoding.ASCII.GetBytes($"{MaxFrame + 1}:") : new byte[] { 0, 4, 0, 1 };
        await flooding.SendRawAsync(header);
        Assert.True(await flooding.IsClosedByServerAsync());

        await CloseTests.AssertSingleDisconnectAsync(log, flooding.LocalPort, DisconnectReason.MessageTooLong);
        Assert.Equal("after", await bystander.RequestAsync("after"));
    }

    [Fact]
    public async Task Int32PrefixAboveMaxLengthClosesEvenWithTheBodyInTheSameWrite()
    {
        await using var server = await StartAsync("int32-async");
        var log = ServerLog.For(server.LocalEndPoint);
        await using var client = await FrameClient.ConnectAsync(server.LocalEndPoint!, netstring: false);

        await client.SendRawAsync(client.Encode(new byte[MaxFrame + 1]));
        Assert.True(await client.IsClosedByServerAsync());
        await CloseTests.AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.MessageTooLong);
    }

    [Theory]
    [InlineData("3x:abc,")]
    [InlineData("03:abc,")]
    [InlineData(":abc,")]
    [InlineData("3:abc;")]
    [InlineData("3:abcd,")]
    public async Task MalformedNetstringClosesTheConnection(string input)
    {
        await using var server = await StartAsync("netstring-async");
        var log = ServerLog.For(server.LocalEndPoint);
        await using var bystander = await FrameClient.ConnectAsync(server.LocalEndPoint!, netstring: true);
        Assert.Equal("before", await bystander.RequestAsync("before"));
        await using var client = await FrameClient.ConnectAsync(server.LocalEndPoint!, netstring: true);

        Assert.Equal("ok", await client.RequestAsync("ok"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(input));
        Assert.True(await client.IsClosedByServerAsync());

        await CloseTests.AssertSingleDisconnectAsync(log, client.LocalPort, DisconnectReason.ProtocolError);
        Assert.Equal("after", await bystander.RequestAsync("after"));
    }

    private static bool IsNetstring(string name) => name.StartsWith("netstring", StringComparison.Ordinal);

    private static async Task<TcpSocketServer> StartAsync(string name)
    {
        Action<TcpServerOptions> options = o =>
        {
            o.Port = 0;
            o.DrainTimeout = TimeSpan.FromSeconds(5);
        };
        TcpSocketServer server = name switch
        {
            "int32-async" => new FrameInt32Async.Server(options),
            "int32-threading" => new FrameInt32Threading.Server(options),
            "int32-sequential" => new FrameInt32Sequential.Server(options),
            "netstring-async" => new FrameNetstringAsync.Server(options),
            "netstring-threading" => new FrameNetstringThreading.Server(options),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        await server.StartAsync();
        _ = server.ServeForeverAsync();
        return server;
    }
}
