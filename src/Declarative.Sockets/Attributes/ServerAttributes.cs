using System;
using System.IO;

namespace Declarative.Sockets;

/// <summary>What every server attribute shares: the Threading mixin's settings.</summary>
public abstract class ServerAttribute : Attribute
{
    /// <summary>ThreadingMixIn: a dedicated thread per connection (per datagram on datagram servers), so handlers may block. Default false.</summary>
    public bool Threading { get; set; }

    /// <summary>Threading: handler threads do not keep the process alive. Default true.</summary>
    public bool DaemonThreads { get; set; } = true;

    /// <summary>Threading: closing the server waits for handler threads. Default true.</summary>
    public bool BlockOnClose { get; set; } = true;
}

/// <summary>What the stream server attributes (<see cref="TcpServerAttribute"/>, <see cref="UnixStreamServerAttribute"/>) share.</summary>
public abstract class StreamServerAttribute : ServerAttribute
{
    /// <summary>The listen backlog. Default 512.</summary>
    public int Backlog { get; set; } = StreamServerOptions.DefaultBacklog;

    /// <summary>socketserver's <c>StreamRequestHandler.timeout</c> in milliseconds: a connection idle this long is aborted. 0 (default) for none.</summary>
    public int TimeoutMs { get; set; }

    /// <summary>
    /// Idle timeout in milliseconds: a connection that receives nothing this long goes to the <c>[OnIdle]</c> hook, or
    /// without one closes gracefully with <see cref="DisconnectReason.IdleTimeout"/>. Checked by one heartbeat per
    /// server. 0 (default) for none.
    /// </summary>
    public int IdleTimeoutMs { get; set; }

    /// <summary>The most connections open at once; 0 (default) for no limit. See <see cref="OverLimit"/>.</summary>
    public int MaxConnections { get; set; }

    /// <summary>At <see cref="MaxConnections"/>: refuse new peers (default) or queue them in the backlog.</summary>
    public OverLimit OverLimit { get; set; }

    /// <summary>The most connections one remote IP address may hold (TCP); beyond it peers are refused. 0 (default) for no limit.</summary>
    public int MaxConnectionsPerPeer { get; set; }

    /// <summary>Per-connection read budget in bytes per second (Twisted's ThrottlingFactory); 0 (default) for no limit.</summary>
    public int MaxReadBytesPerSecond { get; set; }

    /// <summary>One connection at a time; the others wait in the backlog. Default false.</summary>
    public bool Sequential { get; set; }
}

/// <summary>
/// Declares a TCP server on a <c>partial</c> class. The source generator emits a nested <c>Server</c> type and a
/// <c>RunAsync(args)</c> entry point. Property values are compile-time defaults; <see cref="TcpServerOptions"/>
/// overrides them at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TcpServerAttribute : StreamServerAttribute
{
    /// <summary>The port to listen on (0 picks a free port). Default 0.</summary>
    public int Port { get; set; }

    /// <summary>The address or host name to bind. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = TcpServerOptions.DefaultHost;

    /// <summary>Sets SO_REUSEADDR on the listener so a restarted server can rebind at once. Default true.</summary>
    public bool ReuseAddress { get; set; } = true;

    /// <summary>Disables Nagle's algorithm on accepted connections. Default true.</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>
    /// ForkingMixIn: <c>RunAsync</c> becomes a supervisor that runs <see cref="MaxChildren"/> worker processes of this
    /// program, each binding the port with SO_REUSEPORT (Linux) and serving its share of the connections; a worker that exits is replaced.
    /// The nested <c>Server</c> stays the event-driven server a worker runs. Default false.
    /// </summary>
    public bool Forking { get; set; }

    /// <summary>Forking: how many worker processes. 0 (default) for <see cref="Environment.ProcessorCount"/> at run time.</summary>
    public int MaxChildren { get; set; }
}

/// <summary>
/// Declares a Unix stream socket server on a <c>partial</c> class: the same handler shapes as <see cref="TcpServerAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class UnixStreamServerAttribute : StreamServerAttribute
{
    /// <summary>Declares the server; set <see cref="Path"/>.</summary>
    public UnixStreamServerAttribute()
    {
    }

    /// <summary>Declares the server on the socket file <paramref name="path"/>.</summary>
    public UnixStreamServerAttribute(string path) => Path = path;

    /// <summary>The socket file (required; <c>--path</c> overrides it).</summary>
    public string? Path { get; set; }

    /// <summary>Permissions of the socket file; 0 (default) keeps what the umask gives.</summary>
    public UnixFileMode FileMode { get; set; }

    /// <summary>
    /// Not supported for Unix sockets (error DSK018): they have no SO_REUSEPORT load balancing, and .NET's
    /// <c>Process.Start</c> passes no inherited listening socket to a child. Use <c>Threading</c>, or several
    /// processes behind a systemd socket unit. Declared only so the compiler can say why.
    /// </summary>
    public bool Forking { get; set; }
}

/// <summary>
/// Declares a UDP server on a <c>partial</c> class with one <see cref="OnDatagramAttribute"/> method.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class UdpServerAttribute : ServerAttribute
{
    /// <summary>The port (0 picks a free port). Default 0.</summary>
    public int Port { get; set; }

    /// <summary>The address or host name to bind. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = TcpServerOptions.DefaultHost;

    /// <summary>The largest datagram accepted (1..65507); longer ones are dropped and reported. Default 8192.</summary>
    public int MaxPacketSize { get; set; } = DatagramServerOptions.DefaultMaxPacketSize;

    /// <summary>Sets SO_REUSEADDR. Default false.</summary>
    public bool ReuseAddress { get; set; }

    /// <summary>
    /// ForkingMixIn: <c>RunAsync</c> becomes a supervisor that runs <see cref="MaxChildren"/> worker processes of this
    /// program, each binding the port with SO_REUSEPORT (Linux) and serving its share of the datagrams; a worker that exits is replaced.
    /// The nested <c>Server</c> stays the event-driven server a worker runs. Default false.
    /// </summary>
    public bool Forking { get; set; }

    /// <summary>Forking: how many worker processes. 0 (default) for <see cref="Environment.ProcessorCount"/> at run time.</summary>
    public int MaxChildren { get; set; }
}

/// <summary>
/// Declares a Unix datagram socket server on a <c>partial</c> class with one <see cref="OnDatagramAttribute"/> method.
/// Replies reach only clients bound to their own socket path.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class UnixDatagramServerAttribute : ServerAttribute
{
    /// <summary>Declares the server; set <see cref="Path"/>.</summary>
    public UnixDatagramServerAttribute()
    {
    }

    /// <summary>Declares the server on the socket file <paramref name="path"/>.</summary>
    public UnixDatagramServerAttribute(string path) => Path = path;

    /// <summary>The socket file (required; <c>--path</c> overrides it).</summary>
    public string? Path { get; set; }

    /// <summary>Permissions of the socket file; 0 (default) keeps what the umask gives.</summary>
    public UnixFileMode FileMode { get; set; }

    /// <summary>The largest datagram accepted (1..16777216); longer ones are dropped and reported. Default 8192.</summary>
    public int MaxPacketSize { get; set; } = DatagramServerOptions.DefaultMaxPacketSize;

    /// <summary>
    /// Not supported for Unix sockets (error DSK018): they have no SO_REUSEPORT load balancing, and .NET's
    /// <c>Process.Start</c> passes no inherited listening socket to a child. Use <c>Threading</c>, or several
    /// processes behind a systemd socket unit. Declared only so the compiler can say why.
    /// </summary>
    public bool Forking { get; set; }
}
