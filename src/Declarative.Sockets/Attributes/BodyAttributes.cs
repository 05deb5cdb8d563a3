using System;

namespace Declarative.Sockets;

/// <summary>
/// Full control of a connection, socketserver's <c>handle()</c>: <c>ValueTask Run(Connection c)</c>.
/// The connection closes when the method returns.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class HandleAttribute : Attribute
{
}

/// <summary>
/// Raw bytes as they arrive, Twisted's <c>dataReceived</c>: the parameter is a
/// <c>ReadOnlySpan&lt;byte&gt;</c> or <c>ReadOnlyMemory&lt;byte&gt;</c>; a returned byte array or memory is written back.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnDataAttribute : Attribute
{
}

/// <summary>
/// One line at a time: the parameter is a <c>string</c>, <c>ReadOnlySpan&lt;byte&gt;</c> or <c>ReadOnlyMemory&lt;byte&gt;</c>
/// without its delimiter; a returned non-null string is written back followed by <c>\n</c>.
/// </summary>
/// <remarks>
/// Lines end at <c>\n</c>; a <c>\r</c> just before it is stripped. A line longer than <see cref="MaxLength"/> bytes
/// (delimiter excluded) closes that connection with <see cref="DisconnectReason.MessageTooLong"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnLineAttribute : Attribute
{
    /// <summary>The longest accepted line in bytes, delimiter excluded. Default 16384.</summary>
    public int MaxLength { get; set; } = LineFramer.DefaultMaxLength;
}

/// <summary>
/// One frame at a time: the parameter is the payload as <c>ReadOnlySpan&lt;byte&gt;</c> or <c>ReadOnlyMemory&lt;byte&gt;</c>
/// (optionally <see cref="Connection"/>, <see cref="System.Threading.CancellationToken"/>, <see cref="System.Net.EndPoint"/>);
/// a returned non-null byte array or memory is written back as one frame in the same <see cref="Format"/>. Or the
/// parameter is a user frame type <c>T</c> implementing <see cref="IFrame{TSelf}"/>, and the method returns <c>void</c>,
/// <c>Task</c>, <c>ValueTask</c>, <c>T</c>, <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>; then <see cref="Format"/> does not apply.
/// </summary>
/// <remarks>
/// A frame that declares a payload longer than <see cref="MaxLength"/> closes that connection with
/// <see cref="DisconnectReason.MessageTooLong"/> before its body is read; malformed input (a bad netstring) closes it
/// with <see cref="DisconnectReason.ProtocolError"/>. A reply longer than <see cref="MaxLength"/> or than the prefix can
/// express throws (the handler's error path), so no truncated frame is ever sent.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnFrameAttribute : Attribute
{
    /// <summary>How frames are delimited. Default <see cref="FrameFormat.Int32Prefix"/>.</summary>
    public FrameFormat Format { get; set; } = FrameFormat.Int32Prefix;

    /// <summary>The longest accepted payload in bytes, framing excluded. Default 1048576 (1 MiB).</summary>
    public int MaxLength { get; set; } = LengthPrefixFramer.DefaultMaxLength;
}

/// <summary>
/// One datagram (UDP and Unix datagram servers): the payload as <c>ReadOnlyMemory&lt;byte&gt;</c>,
/// <c>ReadOnlySpan&lt;byte&gt;</c> or <c>string</c> (UTF-8), optionally the sender's <see cref="System.Net.EndPoint"/>
/// and a <see cref="System.Threading.CancellationToken"/>. A returned non-null string (UTF-8, as is), byte array or
/// memory is sent back to the sender as one datagram.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OnDatagramAttribute : Attribute
{
}
