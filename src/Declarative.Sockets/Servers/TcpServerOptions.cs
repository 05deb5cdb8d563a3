using System;

namespace Declarative.Sockets;

/// <summary>
/// Run-time settings of a TCP server. The generated <c>Server</c> fills them from its <see cref="TcpServerAttribute"/>
/// first; anything set here afterwards wins.
/// </summary>
public sealed class TcpServerOptions
{
    /// <summary>The default bind address.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The default listen backlog.</summary>
    public const int DefaultBacklog = 512;

    /// <summary>The address or host name to bind: an IPv4 or IPv6 literal, <c>localhost</c>, or a name to resolve.</summary>
    public string Host { get; set; } = DefaultHost;

    /// <summary>The port; 0 picks a free one (read it back from <c>LocalEndPoint</c>).</summary>
    public int Port { get; set; }

    /// <summary>The listen backlog.</summary>
    public int Backlog { get; set; } = DefaultBacklog;

    /// <summary>Set SO_REUSEADDR on the listener.</summary>
    public bool ReuseAddress { get; set; } = true;

    /// <summary>Disable Nagle's algorithm on accepted connections.</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>
    /// How long <c>ShutdownAsync</c> lets in-flight handlers finish before aborting their connections. Default 5 s.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On Linux, serve connections from the runtime's epoll loops, which run framing and the handler inline on the
    /// loop thread (a handler that blocks for more than 100 ms gets its loop thread replaced, so others go on).
    /// False, or another OS, uses .NET's socket engine. Default true.
    /// </summary>
    public bool PreferEpoll { get; set; } = true;

    /// <summary>
    /// Where errors go that no <c>[OnError]</c> hook takes (including errors thrown by hooks themselves).
    /// Default: one line on standard error, as socketserver's <c>handle_error</c> prints.
    /// </summary>
    public Action<Exception, Connection?>? UnhandledError { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values no socket accepts.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Backlog);
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
    }
}
