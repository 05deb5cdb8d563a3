using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

// Echo servers of the new kinds; TCP uses the LineAsync/LineThreading servers of TestServers.
[UnixStreamServer("/tmp/declarative-tests-unused.sock")]
public partial class UnixLineAsync
{
    [OnLine] public string Reply(string line) => KindLogic.Reply(line);
}

[UnixStreamServer("/tmp/declarative-tests-unused.sock", Threading = true)]
public partial class UnixLineThreading
{
    [OnLine] public string Reply(string line) => KindLogic.Reply(line);
}

[UdpServer]
public partial class UdpEchoAsync
{
    [OnDatagram] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> packet, EndPoint sender, CancellationToken token) => KindLogic.Reply(packet);
}

[UdpServer(Threading = true)]
public partial class UdpEchoThreading
{
    [OnDatagram] public byte[] Echo(ReadOnlySpan<byte> packet) => KindLogic.Reply(packet.ToArray()).ToArray();
}

[UnixDatagramServer("/tmp/declarative-tests-unused.dgram")]
public partial class UnixDatagramEchoAsync
{
    [OnDatagram] public async ValueTask<string?> Echo(string packet)
    {
        await Task.Yield();
        return KindLogic.Reply(packet);
    }
}

[UnixDatagramServer("/tmp/declarative-tests-unused.dgram", Threading = true)]
public partial class UnixDatagramEchoThreading
{
    [OnDatagram] public string Echo(string packet) => KindLogic.Reply(packet);
}

internal static class KindLogic
{
    public static string Reply(string text) => text == "thread"
        ? ThreadKind.Current()
        : text;

    public static ReadOnlyMemory<byte> Reply(ReadOnlyMemory<byte> packet) =>
        Encoding.UTF8.GetBytes(Reply(Encoding.UTF8.GetString(packet.Span)));
}

/// <summary>A temporary directory for Unix socket files, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        // Short: a Unix socket path must fit in 108 bytes.
        DirectoryPath = System.IO.Path.Combine("/tmp", "dsk-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DirectoryPath);
    }

    public string DirectoryPath { get; }

    public string File(string name) => System.IO.Path.Combine(DirectoryPath, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A client of any kind that sends one message and reads one reply, bounded in time.</summary>
internal interface IEchoClient : IAsyncDisposable
{
    Task<string> RoundTripAsync(string text);

    /// <summary>Sends one message without waiting for a reply.</summary>
    Task SendAsync(string text);
}

/// <summary>The eight kind x mode combinations of the acceptance tests, started on port 0 or a temp path.</summary>
internal static class KindHarness
{
    public static readonly string[] Kinds =
    {
        "tcp", "tcp-threading", "unix-stream", "unix-stream-threading",
        "udp", "udp-threading", "unix-datagram", "unix-datagram-threading",
    };

    public static TheoryData<string> AllKinds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var kind in Kinds)
            {
                data.Add(kind);
            }

            return data;
        }
    }

    public static bool IsUnix(string kind) => kind.StartsWith("unix", StringComparison.Ordinal);

    public static SocketServer Create(string kind, TempDir dir, Action<ServerOptions>? configure = null)
    {
        var path = dir.File(kind.Contains("datagram", StringComparison.Ordinal) ? "s.dgram" : "s.sock");
        void Common(ServerOptions o)
        {
            o.DrainTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        }

        return kind switch
        {
            "tcp" => new LineAsync.Server(o => { o.Port = 0; Common(o); }),
            "tcp-threading" => new LineThreading.Server(o => { o.Port = 0; Common(o); }),
            "unix-stream" => new UnixLineAsync.Server(o => { o.Path = path; Common(o); }),
            "unix-stream-threading" => new UnixLineThreading.Server(o => { o.Path = path; Common(o); }),
            "udp" => new UdpEchoAsync.Server(o => { o.Port = 0; Common(o); }),
            "udp-threading" => new UdpEchoThreading.Server(o => { o.Port = 0; Common(o); }),
            "unix-datagram" => new UnixDatagramEchoAsync.Server(o => { o.Path = path; Common(o); }),
            "unix-datagram-threading" => new UnixDatagramEchoThreading.Server(o => { o.Path = path; Common(o); }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static async Task<IEchoClient> ConnectAsync(SocketServer server, TempDir dir)
    {
        var endPoint = server.LocalEndPoint!;
        if (server is StreamSocketServer)
        {
            var socket = endPoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint).WaitAsync(Wait.Default);
            return new StreamClient(socket);
        }

        if (endPoint is UnixDomainSocketEndPoint)
        {
            // As socketserver's own test does: a Unix datagram client binds its own path so replies can reach it.
            var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(dir.File("c-" + Guid.NewGuid().ToString("N")[..8])));
            return new DatagramClient(socket, endPoint);
        }

        return new DatagramClient(new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp), endPoint);
    }

    private sealed class StreamClient : IEchoClient
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly StreamReader _reader;

        public StreamClient(Socket socket)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
            _reader = new StreamReader(_stream, new UTF8Encoding(false));
        }

        public Task SendAsync(string text) => _stream.WriteAsync(Encoding.UTF8.GetBytes(text + "\n")).AsTask().WaitAsync(Wait.Default);

        public async Task<string> RoundTripAsync(string text)
        {
            await SendAsync(text);
            return await _reader.ReadLineAsync().WaitAsync(Wait.Default) ?? throw new EndOfStreamException("the server closed");
        }

        public ValueTask DisposeAsync()
        {
            _socket.Shutdown(SocketShutdown.Both);
            _reader.Dispose();
            return default;
        }
    }

    private sealed class DatagramClient : IEchoClient
    {
        private readonly Socket _socket;
        private readonly EndPoint _server;

        public DatagramClient(Socket socket, EndPoint server)
        {
            _socket = socket;
            _server = server;
        }

        public Task SendAsync(string text) => _socket.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, _server).WaitAsync(Wait.Default);

        public async Task<string> RoundTripAsync(string text)
        {
            await SendAsync(text);
            var buffer = new byte[65536];
            using var deadline = new CancellationTokenSource(Wait.Default);
            var received = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return Encoding.UTF8.GetString(buffer, 0, received);
        }

        public ValueTask DisposeAsync()
        {
            var local = _socket.LocalEndPoint as UnixDomainSocketEndPoint;
            _socket.Dispose();
            if (local?.ToString() is { Length: > 0 } path && File.Exists(path))
            {
                File.Delete(path);
            }

            return default;
        }
    }
}
