using System;
using System.Buffers;
using System.Buffers.Binary;

namespace Declarative.Sockets;

/// <summary>
/// Frames made of a big-endian unsigned length prefix (1, 2 or 4 bytes) followed by exactly that many payload bytes.
/// A declared length above the limit is rejected as soon as the prefix is complete, before any of the body is
/// buffered or inspected, even when the body arrived in the same read. Writing never produces a truncated frame: a
/// payload the prefix cannot express, or longer than the limit, throws.
/// </summary>
public static class LengthPrefixFramer
{
    /// <summary>The default longest payload: 1 MiB.</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    /// <summary>The number of prefix bytes.</summary>
    public static int PrefixSize(LengthPrefix prefix) => prefix switch
    {
        LengthPrefix.Int8 => 1,
        LengthPrefix.Int16 => 2,
        LengthPrefix.Int32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "Not a defined LengthPrefix."),
    };

    /// <summary>The longest payload the prefix can express.</summary>
    public static int MaxExpressible(LengthPrefix prefix) => prefix switch
    {
        LengthPrefix.Int8 => byte.MaxValue,
        LengthPrefix.Int16 => ushort.MaxValue,
        LengthPrefix.Int32 => int.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "Not a defined LengthPrefix."),
    };

    /// <summary>
    /// Reads the prefix at the front of <paramref name="buffer"/> without consuming anything: <see cref="FrameStatus.Frame"/>
    /// when the prefix is complete and its length is at most <paramref name="maxLength"/>, <see cref="FrameStatus.TooLong"/>
    /// when it is above, <see cref="FrameStatus.NeedMore"/> when the prefix is incomplete.
    /// </summary>
    public static FrameStatus TryReadHeader(in ReadOnlySequence<byte> buffer, LengthPrefix prefix, int maxLength, out int headerLength, out int payloadLength)
    {
        headerLength = PrefixSize(prefix);
        payloadLength = 0;
        if (buffer.Length < headerLength)
        {
            return FrameStatus.NeedMore;
        }

        Span<byte> bytes = stackalloc byte[4];
        buffer.Slice(0, headerLength).CopyTo(bytes);
        uint length = prefix switch
        {
            LengthPrefix.Int8 => bytes[0],
            LengthPrefix.Int16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        };
        if (length > (uint)Math.Max(0, maxLength))
        {
            return FrameStatus.TooLong;
        }

        payloadLength = (int)length;
        return FrameStatus.Frame;
    }

    /// <summary>
    /// Reads one frame from the front of <paramref name="buffer"/>; on <see cref="FrameStatus.Frame"/> the buffer is
    /// advanced past it and <paramref name="payload"/> holds the payload. On any other status the buffer is unchanged.
    /// </summary>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, LengthPrefix prefix, int maxLength, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        var status = TryReadHeader(buffer, prefix, maxLength, out var header, out var length);
        if (status != FrameStatus.Frame)
        {
            return status;
        }

        if (buffer.Length - header < length)
        {
            return FrameStatus.NeedMore;
        }

        payload = buffer.Slice(header, length);
        buffer = buffer.Slice(payload.End);
        return FrameStatus.Frame;
    }

    /// <summary>
    /// Writes <paramref name="payload"/> as one frame (prefix, then payload) without flushing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The payload is longer than the prefix can express or than <paramref name="maxLength"/>.</exception>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, LengthPrefix prefix, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var size = PrefixSize(prefix);
        if (payload.Length > MaxExpressible(prefix) || payload.Length > maxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(payload),
                payload.Length,
                $"A {payload.Length}-byte payload does not fit a {prefix} length-prefixed frame with MaxLength {maxLength}.");
        }

        var span = writer.GetSpan(size);
        switch (prefix)
        {
            case LengthPrefix.Int8:
                span[0] = (byte)payload.Length;
                break;
            case LengthPrefix.Int16:
                BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)payload.Length);
                break;
            default:
                BinaryPrimitives.WriteUInt32BigEndian(span, (uint)payload.Length);
                break;
        }

        writer.Advance(size);
        writer.Write(payload);
    }
}
