using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>A loopback TCP client that speaks Int32-prefixed or netstring frames, with every read bounded in time.</summary>
internal sealed class FrameClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly bool _netstring;

    private FrameClient(TcpClient client, bool netstring)
    {
        _client = client;
        _netstring = netstring;
        Stream = client.GetStream();
    }

    public NetworkStream Stream { get; }

    public int LocalPort => ((IPEndPoint)_client.Client.LocalEndPoint!).Port;

    public static async Task<FrameClient> ConnectAsync(EndPoint server, bool netstring)
    {
        var endPoint = (IPEndPoint)server;
        var client = new TcpClient(endPoint.AddressFamily) { NoDelay = true };
        await client.ConnectAsync(endPoint).Bounded();
        return new FrameClient(client, netstring);
    }

    /// <summary>The bytes of one frame in this client's format, written by the runtime's own framers.</summary>
    public byte[] Encode(byte[] payload)
    {
        var writer = new ArrayBufferWriter<byte>();
        if (_netstring)
        {
            NetstringFramer.Write(writer, payload, int.MaxValue);
        }
        else
        {
            LengthPrefixFramer.Write(writer, payload, LengthPrefix.Int32, int.MaxValue);
        }

        return writer.WrittenSpan.ToArray();
    }

    public Task SendRawAsync(byte[] bytes) => Stream.WriteAsync(bytes).AsTask().Bounded();

    public Task SendFrameAsync(byte[] payload) => SendRawAsync(Encode(payload));

    public Task SendFrameAsync(string payload) => SendFrameAsync(Encoding.UTF8.GetBytes(payload));

    /// <summary>Reads one frame, parsing the format by hand (independently of the framers); null at end of stream.</summary>
    public Task<byte[]?> ReadFrameAsync() => ReadFrameCoreAsync().Bounded();

    public async Task<string> RequestAsync(string payload)
    {
        await SendFrameAsync(payload);
        var reply = await ReadFrameAsync() ?? throw new IOException($"Connection closed instead of answering '{payload}'.");
        return Encoding.UTF8.GetString(reply);
    }

    /// <summary>True when the server closed the connection, reading away anything before it.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (await Stream.ReadAsync(buffer).AsTask().Bounded() > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return default;
    }

    private async Task<byte[]?> ReadFrameCoreAsync()
    {
        int length;
        if (_netstring)
        {
            length = 0;
            var digits = 0;
            while (true)
            {
                var b = await ReadByteAsync();
                if (b < 0)
                {
                    return digits == 0 ? null : throw new EndOfStreamException();
                }

                if (b == ':')
                {
                    break;
                }

                length = checked((length * 10) + (b - '0'));
                digits++;
            }
        }
        else
        {
            var prefix = new byte[4];
            if (!await ReadExactlyAsync(prefix, allowEnd: true))
            {
                return null;
            }

            length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(prefix));
        }

        var payload = new byte[length];
        await ReadExactlyAsync(payload, allowEnd: false);
        if (_netstring && await ReadByteAsync() != ',')
        {
            throw new InvalidDataException("netstring without its trailing comma");
        }

        return payload;
    }

    private async Task<int> ReadByteAsync()
    {
        var one = new byte[1];
        return await Stream.ReadAsync(one) == 0 ? -1 : one[0];
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, bool allowEnd)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await Stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                return read == 0 && allowEnd ? false : throw new EndOfStreamException();
            }

            read += n;
        }

        return true;
    }
}
