using System;
using System.IO;
using System.Net;
using System.Net.Sockets;

namespace Declarative.Sockets;

/// <summary>
/// Run-time settings every server kind shares. The generated <c>Server</c> fills them from its server attribute
/// first; anything set here afterwards wins.
/// </summary>
public abstract class ServerOptions
{
    /// <summary>
    /// How long <c>ShutdownAsync</c> lets in-flight handlers finish before aborting their connections. Default 5 s.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where errors go that no <c>[OnError]</c> hook takes (including errors thrown by hooks themselves and oversize
    /// datagrams). Default: one line on standard error, as socketserver's <c>handle_error</c> prints.
    /// </summary>
    public Action<Exception, Connection?>? UnhandledError { get; set; }

    /// <summary>
    /// Threading servers: handler threads are background threads that do not keep the process alive
    /// (socketserver's <c>daemon_threads</c>). Default true.
    /// </summary>
    public bool DaemonThreads { get; set; } = true;

    /// <summary>
    /// Threading servers: <c>DisposeAsync</c> waits for every handler thread to finish (socketserver's
    /// <c>block_on_close</c>). Default true.
    /// </summary>
    public bool BlockOnClose { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> for values no socket accepts.</summary>
    public virtual void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero);

    /// <summary>Creates the bound (and, for stream kinds, listening) socket. The socket is disposed if a step fails.</summary>
    public abstract Socket CreateSocket();

    /// <summary>How a bound end point is printed: <c>HOST:PORT</c> or <c>unix:PATH</c>.</summary>
    public abstract string Describe(EndPoint? boundEndPoint);

    /// <summary>Releases what binding left behind (a Unix socket file). Called once when the server closes.</summary>
    public virtual void Cleanup()
    {
    }
}

/// <summary>Settings of the connection-oriented kinds (TCP, Unix stream).</summary>
public abstract class StreamServerOptions : ServerOptions
{
    /// <summary>The default listen backlog.</summary>
    public const int DefaultBacklog = 512;

    /// <summary>The listen backlog.</summary>
    public int Backlog { get; set; } = DefaultBacklog;

    /// <summary>
    /// socketserver's <c>StreamRequestHandler.timeout</c>: a connection that receives nothing for this long is
    /// aborted with <see cref="DisconnectReason.Timeout"/>. Null (the default) for none. Each connection starts with
    /// this value in <see cref="Connection.Timeout"/>.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// A connection that receives nothing for this long is handed to the <c>[OnIdle]</c> hook, or without one closed
    /// gracefully with <see cref="DisconnectReason.IdleTimeout"/>. Checked by the server's one heartbeat, so a close
    /// happens up to a quarter of the timeout late. Null (the default) for none.
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>The most connections open at once; 0 (the default) for no limit. <see cref="OverLimit"/> says what happens beyond it.</summary>
    public int MaxConnections { get; set; }

    /// <summary>What a server at <see cref="MaxConnections"/> does with a new peer. Default <see cref="Sockets.OverLimit.Refuse"/>.</summary>
    public OverLimit OverLimit { get; set; }

    /// <summary>
    /// The most connections one remote IP address may hold open (TCP only; a Unix peer has no address). A connection
    /// beyond it is accepted and closed at once, and counted in <c>RefusedCount</c>. 0 (the default) for no limit.
    /// </summary>
    public int MaxConnectionsPerPeer { get; set; }

    /// <summary>
    /// Twisted's <c>ThrottlingFactory</c> read limit, per connection: once a connection's handler has been given this
    /// many bytes in the current one-second window, its processing loop stops reading (the bounded input pipe then
    /// stops the socket) until the heartbeat opens the next window. The granularity is the heartbeat period
    /// (at most 100 ms while throttling), and one read may overshoot by what the loop was already handed
    /// (<c>[OnData]</c> bodies are cut to the budget; line and frame bodies finish the messages in hand).
    /// <c>[Handle]</c> bodies read the pipe themselves and are not throttled. 0 (the default) for no limit.
    /// </summary>
    public long MaxReadBytesPerSecond { get; set; }

    /// <summary>
    /// On Linux, serve connections from the runtime's epoll loops, which run framing and the handler inline on the
    /// loop thread (a handler that blocks for more than 100 ms gets its loop thread replaced, so others go on).
    /// False, or another OS, uses .NET's socket engine. Default true.
    /// </summary>
    public bool PreferEpoll { get; set; } = true;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Backlog);
        if (Timeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(Timeout));
        }

        if (IdleTimeout is { } idle)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(IdleTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnections);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnectionsPerPeer);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxReadBytesPerSecond);
        if (!Enum.IsDefined(OverLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(OverLimit));
        }
    }

    /// <summary>Applied to every accepted socket before it becomes a <see cref="Connection"/>.</summary>
    public virtual void ConfigureAccepted(Socket socket)
    {
    }
}

/// <summary>What a stream server at its <c>MaxConnections</c> does with a new peer.</summary>
public enum OverLimit
{
    /// <summary>Accept and close it at once; counted in <c>RefusedCount</c>.</summary>
    Refuse,

    /// <summary>Stop accepting until a connection closes; the listen backlog holds the rest.</summary>
    Queue,
}

/// <summary>Settings of a TCP server.</summary>
public sealed class TcpServerOptions : StreamServerOptions, IIpServerOptions
{
    /// <summary>The default bind address.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The address or host name to bind: an IPv4 or IPv6 literal, <c>localhost</c>, or a name to resolve.</summary>
    public string Host { get; set; } = DefaultHost;

    /// <summary>The port; 0 picks a free one (read it back from <c>LocalEndPoint</c>).</summary>
    public int Port { get; set; }

    /// <summary>
    /// Set SO_REUSEADDR on the listener, so a restarted server rebinds at once despite connections in TIME_WAIT. A port
    /// another server is listening on stays an error (use <see cref="ReusePort"/> to share it on purpose).
    /// </summary>
    public bool ReuseAddress { get; set; } = true;

    /// <summary>
    /// Set SO_REUSEPORT (Linux) on the listener so several processes can listen on one port and the kernel spreads
    /// connections among them. Forking workers set it. Default false.
    /// </summary>
    public bool ReusePort { get; set; }

    /// <summary>Disable Nagle's algorithm on accepted connections.</summary>
    public bool NoDelay { get; set; } = true;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Listeners.ValidatePort(Port);
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
    }

    /// <inheritdoc />
    public override Socket CreateSocket() => TcpListenerFactory.Listen(this);

    /// <inheritdoc />
    public override string Describe(EndPoint? boundEndPoint) => boundEndPoint?.ToString() ?? $"{Host}:{Port}";

    /// <inheritdoc />
    public override void ConfigureAccepted(Socket socket)
    {
        if (NoDelay)
        {
            socket.NoDelay = true;
        }
    }
}

/// <summary>Settings of a Unix stream socket server.</summary>
public sealed class UnixStreamServerOptions : StreamServerOptions, IUnixServerOptions
{
    /// <summary>The socket file to bind. A leftover file of a dead server is replaced; a live server's is an error.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Permissions set on the socket file after binding; null keeps what the umask gives.</summary>
    public UnixFileMode? FileMode { get; set; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(Path);
    }

    /// <inheritdoc />
    public override Socket CreateSocket()
    {
        Validate();
        return UnixSocketFile.Bind(Path, SocketType.Stream, FileMode, socket => socket.Listen(Backlog));
    }

    /// <inheritdoc />
    public override string Describe(EndPoint? boundEndPoint) => "unix:" + Path;

    /// <inheritdoc />
    public override void Cleanup() => UnixSocketFile.Remove(Path);
}

/// <summary>Settings of the datagram kinds (UDP, Unix datagram).</summary>
public abstract class DatagramServerOptions : ServerOptions
{
    /// <summary>The default largest datagram accepted, in bytes.</summary>
    public const int DefaultMaxPacketSize = 8192;

    /// <summary>
    /// The largest datagram accepted, in bytes. A longer one is not dispatched: it is reported as a
    /// <see cref="DatagramTooLargeException"/> to <c>[OnError]</c>-less error sinks, and the server keeps serving.
    /// </summary>
    public int MaxPacketSize { get; set; } = DefaultMaxPacketSize;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPacketSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPacketSize, 1 << 24);
    }
}

/// <summary>Settings of a UDP server.</summary>
public sealed class UdpServerOptions : DatagramServerOptions, IIpServerOptions
{
    /// <summary>The address or host name to bind.</summary>
    public string Host { get; set; } = TcpServerOptions.DefaultHost;

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Set SO_REUSEADDR on the socket.</summary>
    public bool ReuseAddress { get; set; }

    /// <summary>
    /// Set SO_REUSEPORT (Linux) so several processes can bind the port and the kernel spreads datagrams among them.
    /// Forking workers set it. Default false.
    /// </summary>
    public bool ReusePort { get; set; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Listeners.ValidatePort(Port);
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
    }

    /// <inheritdoc />
    public override Socket CreateSocket()
    {
        Validate();
        return Listeners.Bind(Listeners.Resolve(Host, Port), datagram: true, ReuseAddress, ReusePort);
    }

    /// <inheritdoc />
    public override string Describe(EndPoint? boundEndPoint) => boundEndPoint?.ToString() ?? $"{Host}:{Port}";
}

/// <summary>Settings of a Unix datagram socket server.</summary>
public sealed class UnixDatagramServerOptions : DatagramServerOptions, IUnixServerOptions
{
    /// <summary>The socket file to bind. A leftover file of a dead server is replaced; a live server's is an error.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Permissions set on the socket file after binding; null keeps what the umask gives.</summary>
    public UnixFileMode? FileMode { get; set; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(Path);
    }

    /// <inheritdoc />
    public override Socket CreateSocket()
    {
        Validate();
        return UnixSocketFile.Bind(Path, SocketType.Dgram, FileMode, null);
    }

    /// <inheritdoc />
    public override string Describe(EndPoint? boundEndPoint) => "unix:" + Path;

    /// <inheritdoc />
    public override void Cleanup() => UnixSocketFile.Remove(Path);
}

/// <summary>A datagram longer than <see cref="DatagramServerOptions.MaxPacketSize"/> arrived; it was dropped.</summary>
public sealed class DatagramTooLargeException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DatagramTooLargeException(int maxPacketSize, EndPoint? sender)
        : base($"A datagram from {sender?.ToString() ?? "an unknown sender"} exceeded MaxPacketSize ({maxPacketSize} bytes) and was dropped.")
    {
        MaxPacketSize = maxPacketSize;
        Sender = sender;
    }

    /// <summary>The limit it exceeded.</summary>
    public int MaxPacketSize { get; }

    /// <summary>Who sent it, when known.</summary>
    public EndPoint? Sender { get; }
}
