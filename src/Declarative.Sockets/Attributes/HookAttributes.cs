using System;

namespace Declarative.Sockets;

/// <summary>
/// Called once when a connection is accepted, before any input is dispatched. Parameters may ask for
/// <see cref="Connection"/>, <see cref="System.Net.EndPoint"/> (the remote end point) or <see cref="System.Threading.CancellationToken"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnConnectAttribute : Attribute
{
}

/// <summary>
/// Called exactly once per connection on every close path (client close, reset, handler close, handler error,
/// shutdown, over-long message). Parameters may ask for <see cref="DisconnectReason"/>, <see cref="Connection"/>,
/// <see cref="System.Net.EndPoint"/> or the <see cref="System.Exception"/> that closed it (null when none).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnDisconnectAttribute : Attribute
{
}

/// <summary>
/// socketserver's <c>handle_error</c>: called when a handler method throws. Parameters may ask for the
/// <see cref="System.Exception"/>, <see cref="Connection"/> or <see cref="System.Net.EndPoint"/>. The connection then
/// closes with <see cref="DisconnectReason.HandlerError"/>; other connections are not affected.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnErrorAttribute : Attribute
{
}

/// <summary>
/// socketserver's <c>verify_request</c>: a <c>static bool</c> method taking the peer's <see cref="System.Net.EndPoint"/>
/// and/or (stream servers) the <see cref="Connection"/>. False refuses the peer before a handler exists: the socket is
/// shut down and closed once, and OnConnect/OnDisconnect are not called (a refused datagram is dropped).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class VerifyRequestAttribute : Attribute
{
}

/// <summary>
/// socketserver's <c>handle_timeout</c>: a parameterless <c>static void</c> method called when
/// <c>HandleRequestAsync(timeout)</c> saw no request within its timeout.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnTimeoutAttribute : Attribute
{
}

/// <summary>
/// socketserver's <c>service_actions</c>: a parameterless <c>static void</c> method called every
/// <see cref="IntervalMs"/> milliseconds while <c>ServeForeverAsync</c> runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ServiceActionsAttribute : Attribute
{
    /// <summary>The period in milliseconds (at least 1). Default 500.</summary>
    public int IntervalMs { get; set; } = 500;
}

/// <summary>
/// A command server's answer to a line whose first word names no <see cref="CommandAttribute"/> method: parameters
/// may ask for the command word (the first <c>string</c>), the whole line (a second <c>string</c>) and the
/// <see cref="Connection"/>; a returned non-null string (or <c>Task&lt;string&gt;</c>, <c>ValueTask&lt;string&gt;</c>)
/// is written back as a line. Without it the reply is <c>ERR unknown command 'NAME'</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnUnknownCommandAttribute : Attribute
{
}

/// <summary>
/// A command server's answer to a command with the wrong number of words or a word that does not parse as its
/// parameter: parameters may ask for the command name (the first <c>string</c>), the error message (a second
/// <c>string</c>, e.g. <c>wrong number of arguments for 'SET'</c>) and the <see cref="Connection"/>; a returned non-null
/// string is written back as a line. Without it the reply is <c>ERR </c> and the message.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnCommandErrorAttribute : Attribute
{
}

/// <summary>
/// Stream servers with an <c>IdleTimeoutMs</c> (or <c>IdleTimeout</c> option): called on the handler instance when its
/// connection received nothing for that long. Takes an optional <see cref="Connection"/> and returns void, Task,
/// ValueTask or bool. The connection then closes gracefully with <see cref="DisconnectReason.IdleTimeout"/> (so the
/// hook may write a farewell), unless a bool hook returns true, which keeps it open for another period. The hook runs
/// on the server's heartbeat, concurrently with the connection's handler.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnIdleAttribute : Attribute
{
}
