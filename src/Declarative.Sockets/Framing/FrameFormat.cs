namespace Declarative.Sockets;

/// <summary>What a framer's read found.</summary>
public enum FrameStatus
{
    /// <summary>No complete frame yet, and what is buffered may still become a valid one.</summary>
    NeedMore,

    /// <summary>A complete frame was read.</summary>
    Frame,

    /// <summary>The frame declares a payload longer than the limit (found from its header, before the body is read).</summary>
    TooLong,

    /// <summary>The buffered bytes can never become a valid frame.</summary>
    Malformed,
}

/// <summary>The size of a big-endian length prefix; the value is the number of prefix bytes.</summary>
public enum LengthPrefix
{
    /// <summary>One byte: payloads of 0 to 255 bytes.</summary>
    Int8 = 1,

    /// <summary>Two bytes, big-endian: payloads of 0 to 65535 bytes.</summary>
    Int16 = 2,

    /// <summary>Four bytes, big-endian, unsigned: payloads up to the limit (at most <see cref="int.MaxValue"/> bytes).</summary>
    Int32 = 4,
}

/// <summary>How an <see cref="OnFrameAttribute"/> body splits the input into frames.</summary>
public enum FrameFormat
{
    /// <summary>A one-byte length, then the payload (<see cref="LengthPrefixFramer"/>).</summary>
    Int8Prefix,

    /// <summary>A two-byte big-endian length, then the payload (<see cref="LengthPrefixFramer"/>).</summary>
    Int16Prefix,

    /// <summary>A four-byte big-endian length, then the payload (<see cref="LengthPrefixFramer"/>).</summary>
    Int32Prefix,

    /// <summary>A netstring, <c>&lt;length&gt;:&lt;payload&gt;,</c> (<see cref="NetstringFramer"/>).</summary>
    Netstring,
}
