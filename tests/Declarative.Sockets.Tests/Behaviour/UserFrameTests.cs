using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>A user frame type: a tag byte (1..255), a two-byte big-endian length, the value.</summary>
public readonly record struct Tagged(byte Tag, byte[] Value) : IFrame<Tagged>
{
    public static FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxLength, out Tagged frame)
    {
        frame = default;
        if (buffer.Length < 3)
        {
            return FrameStatus.NeedMore;
        }

        Span<byte> header = stackalloc byte[3];
        buffer.Slice(0, 3).CopyTo(header);
        if (header[0] == 0)
        {
            return FrameStatus.Malformed;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header[1..]);
        if (length > maxLength)
        {
            return FrameStatus.TooLong;
        }

        if (buffer.Length < 3 + length)
        {
            return FrameStatus.NeedMore;
        }

        frame = new Tagged(header[0], buffer.Slice(3, length).ToArray());
        buffer = buffer.Slice(3 + length);
        return FrameStatus.Frame;
    }

    public static void Write(IBufferWriter<byte> writer, Tagged frame)
    {
        var span = writer.GetSpan(3);
        span[0] = frame.Tag;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], checked((ushort)frame.Value.Length));
        writer.Advance(3);
        writer.Write(frame.Value);
    }

    public byte[] Encode()
    {
        var writer = new ArrayBufferWriter<byte>();
        Write(writer, this);
        return writer.WrittenSpan.ToArray();
    }
}

[TcpServer]
public partial class TaggedAsync
{
    [OnFrame(MaxLength = 1000)] public ValueTask<Tagged> Echo(Tagged frame, Connection c) => new(new Tagged((byte)(frame.Tag + 1), frame.Value));
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
}

[TcpServer(Threading = true)]
public partial class TaggedThreading
{
    [OnFrame(MaxLength = 1000)] public Tagged Echo(Tagged frame) => new((byte)(frame.Tag + 1), frame.Value);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
}

/// <summary>[OnFrame] with a user frame type (IFrame&lt;T&gt;): read and written by the type's own static members.</summary>
public sealed class UserFrameTests
{
    public static TheoryData<string> Servers => new() { "async", "threading" };

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task UserFramesAreReadAndWrittenByTheirType(string name)
    {
        await using var server = await StartAsync(name);
        var clients = Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync((System.Net.IPEndPoint)server.LocalEndPoint!).Bounded();
            var stream = client.GetStream();
            foreach (var size in new[] { 0, 1, 300, 1000 })
            {
                var value = Enumerable.Range(0, size).Select(b => (byte)(b + i)).ToArray();
                var bytes = new Tagged((byte)(i + 1), value).Encode();
                foreach (var chunk in bytes.Chunk(7))
                {
                    await stream.WriteAsync(chunk).AsTask().Bounded();
                }

                var reply = new byte[3 + size];
                await stream.ReadExactlyAsync(reply).AsTask().Bounded();
                Assert.Equal(new Tagged((byte)(i + 2), value).Encode(), reply);
            }
        });
        await Task.WhenAll(clients).Bounded();
    }

    [Theory]
    [InlineData("async", new byte[] { 0, 0, 1, 9 }, DisconnectReason.ProtocolError)]
    [InlineData("threading", new byte[] { 0, 0, 1, 9 }, DisconnectReason.ProtocolError)]
    [InlineData("async", new byte[] { 5, 0x03, 0xE9 }, DisconnectReason.MessageTooLong)]
    [InlineData("threading", new byte[] { 5, 0x03, 0xE9 }, DisconnectReason.MessageTooLong)]
    public async Task StatusesFromTheTypeCloseTheConnection(string name, byte[] input, DisconnectReason expected)
    {
        await using var server = await StartAsync(name);
        var log = ServerLog.For(server.LocalEndPoint);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync((System.Net.IPEndPoint)server.LocalEndPoint!).Bounded();
        var port = ((System.Net.IPEndPoint)client.Client.LocalEndPoint!).Port;

        await client.GetStream().WriteAsync(input).AsTask().Bounded();
        await CloseTests.AssertSingleDisconnectAsync(log, port, expected);
    }

    private static async Task<TcpSocketServer> StartAsync(string name)
    {
        Action<TcpServerOptions> options = o =>
        {
            o.Port = 0;
            o.DrainTimeout = TimeSpan.FromSeconds(5);
        };
        TcpSocketServer server = name == "async" ? new TaggedAsync.Server(options) : new TaggedThreading.Server(options);
        await server.StartAsync();
        _ = server.ServeForeverAsync();
        return server;
    }
}
