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

/// <summary>
/// A command of a line-based command server: a line's first whitespace-separated word selects the method whose
/// <see cref="Name"/> matches (ASCII case-insensitively unless <see cref="CaseSensitive"/>), and the remaining words
/// are bound by position to its parameters by generated parsing (invariant culture): <c>string</c>, <c>int</c>,
/// <c>long</c>, <c>double</c>, <c>decimal</c>, <c>bool</c> (<c>true</c>/<c>false</c>), enums (member names, ignoring
/// case), optional parameters (a missing word takes the default) and a trailing <c>string[]</c> (or
/// <c>params string[]</c>) for the rest; plus <see cref="Connection"/>, <see cref="System.Threading.CancellationToken"/>
/// and <see cref="System.Net.EndPoint"/>. Returns as <see cref="OnLineAttribute"/>: a non-null string is written back
/// as a line. All <c>[Command]</c> methods of a class together form its body.
/// </summary>
/// <remarks>
/// An unknown command goes to <see cref="OnUnknownCommandAttribute"/>, else gets <c>ERR unknown command 'NAME'</c>;
/// a wrong number of words or a value that does not parse goes to <see cref="OnCommandErrorAttribute"/>, else gets
/// <c>ERR wrong number of arguments for 'NAME'</c> or <c>ERR invalid value 'X' for parameter 'p' of 'NAME'</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class CommandAttribute : Attribute
{
    /// <summary>Declares the method as the command <paramref name="name"/>.</summary>
    public CommandAttribute(string name) => Name = name;

    /// <summary>The command word.</summary>
    public string Name { get; }

    /// <summary>Whether the command word must match exactly. Default false: ASCII letters match ignoring case.</summary>
    public bool CaseSensitive { get; set; }
}
