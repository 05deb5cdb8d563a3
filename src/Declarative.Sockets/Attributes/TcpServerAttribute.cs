using System;

namespace Declarative.Sockets;

/// <summary>
/// Declares a TCP server on a <c>partial</c> class. The source generator emits a nested <c>Server</c> type and a
/// <c>RunAsync(args)</c> entry point. Property values are compile-time defaults; <see cref="TcpServerOptions"/>
/// overrides them at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TcpServerAttribute : Attribute
{
    /// <summary>The port to listen on (0 picks a free port). Default 0.</summary>
    public int Port { get; set; }

    /// <summary>The address or host name to bind. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = TcpServerOptions.DefaultHost;

    /// <summary>The listen backlog. Default 512.</summary>
    public int Backlog { get; set; } = TcpServerOptions.DefaultBacklog;

    /// <summary>Sets SO_REUSEADDR on the listener so a restarted server can rebind at once. Default true.</summary>
    public bool ReuseAddress { get; set; } = true;

    /// <summary>Disables Nagle's algorithm on accepted connections. Default true.</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>ThreadingMixIn: a dedicated thread per connection, so handlers may block. Default false.</summary>
    public bool Threading { get; set; }

    /// <summary>One connection at a time; the others wait in the backlog. Default false.</summary>
    public bool Sequential { get; set; }
}
