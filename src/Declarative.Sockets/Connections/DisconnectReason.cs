namespace Declarative.Sockets;

/// <summary>Why a connection closed, as passed to <see cref="OnDisconnectAttribute"/> hooks.</summary>
public enum DisconnectReason
{
    /// <summary>The peer closed its side (end of input).</summary>
    ClientClosed,

    /// <summary>The peer reset the connection or the socket failed.</summary>
    ConnectionReset,

    /// <summary>The handler closed it: <see cref="Connection.Close"/>, or a <c>[Handle]</c> method returned.</summary>
    ClosedByHandler,

    /// <summary>A handler method threw; the exception went to <c>[OnError]</c>.</summary>
    HandlerError,

    /// <summary>The server shut down.</summary>
    ServerShutdown,

    /// <summary>A message exceeded its framing limit (for example a line longer than <c>MaxLength</c>).</summary>
    MessageTooLong,

    /// <summary>The connection was aborted (<see cref="Connection.Abort"/> or a drain timeout).</summary>
    Aborted,

    /// <summary>Nothing arrived for longer than <see cref="Connection.Timeout"/>.</summary>
    Timeout,

    /// <summary>The input broke its framing rules (for example a malformed netstring).</summary>
    ProtocolError,

    /// <summary>
    /// Nothing arrived for longer than the server's <c>IdleTimeout</c> and no <c>[OnIdle]</c> hook kept the connection
    /// open. Unlike <see cref="Timeout"/> the close is graceful: pending output is sent.
    /// </summary>
    IdleTimeout,
}
