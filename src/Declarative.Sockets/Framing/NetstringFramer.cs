using System;
using System.Buffers;

namespace Declarative.Sockets;

/// <summary>
/// Netstrings, <c>&lt;length&gt;:&lt;payload&gt;,</c>: the length in ASCII decimal digits, a colon, exactly that many
/// payload bytes, and a comma. Malformed input is reported as soon as it is provably invalid: no digit before the
/// colon, a byte other than a digit or the colon in the length, a leading zero (only <c>0</c> itself may start with
/// one), or a byte other than the comma after the payload (more data than declared). A length above the limit is
/// <see cref="FrameStatus.TooLong"/> as soon as its digits exceed it, before the colon or any body arrives.
/// </summary>
public static class NetstringFramer
{
    /// <summary>The default longest payload: 1 MiB.</summary>
    public const int DefaultMaxLength = LengthPrefixFramer.DefaultMaxLength;

    /// <summary>
    /// Reads the header (<c>&lt;length&gt;:</c>) at the front of <paramref name="buffer"/> without consuming anything;
    /// <paramref name="headerLength"/> counts the digits and the colon.
    /// </summary>
    public static FrameStatus TryReadHeader(in ReadOnlySequence<byte> buffer, int maxLength, out int headerLength, out int payloadLength)
    {
        headerLength = 0;
        payloadLength = 0;
        var reader = new SequenceReader<byte>(buffer);
        long value = 0;
        var digits = 0;
        while (reader.TryRead(out var b))
        {
            if (b == (byte)':')
            {
                if (digits == 0)
                {
                    return FrameStatus.Malformed;
                }

                headerLength = digits + 1;
                payloadLength = (int)value;
                return FrameStatus.Frame;
            }

            if (b is < (byte)'0' or > (byte)'9')
            {
                return FrameStatus.Malformed;
            }

            if (digits == 1 && value == 0)
            {
                return FrameStatus.Malformed; // a leading zero
            }

            value = (value * 10) + (b - '0');
            digits++;
            if (value > maxLength)
            {
                return FrameStatus.TooLong;
            }
        }

        return FrameStatus.NeedMore;
    }

    /// <summary>
    /// Reads one netstring from the front of <paramref name="buffer"/>; on <see cref="FrameStatus.Frame"/> the buffer is
    /// advanced past its comma and <paramref name="payload"/> holds the payload. On any other status the buffer is unchanged.
    /// </summary>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxLength, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        var status = TryReadHeader(buffer, maxLength, out var header, out var length);
        if (status != FrameStatus.Frame)
        {
            return status;
        }

        if (buffer.Length - header <= length)
        {
            return FrameStatus.NeedMore;
        }

        var trailer = buffer.Slice(header + (long)length, 1);
        if (trailer.FirstSpan[0] != (byte)',')
        {
            return FrameStatus.Malformed;
        }

        payload = buffer.Slice(header, length);
        buffer = buffer.Slice(trailer.End);
        return FrameStatus.Frame;
    }

    /// <summary>Writes <paramref name="payload"/> as one netstring without flushing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The payload is longer than <paramref name="maxLength"/>.</exception>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (payload.Length > maxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(payload), payload.Length, $"A {payload.Length}-byte payload is longer than the netstring MaxLength {maxLength}.");
        }

        Span<byte> digits = stackalloc byte[10];
        payload.Length.TryFormat(digits, out var count, default, System.Globalization.CultureInfo.InvariantCulture);
        var span = writer.GetSpan(count + 1);
        digits[..count].CopyTo(span);
        span[count] = (byte)':';
        writer.Advance(count + 1);
        writer.Write(payload);
        span = writer.GetSpan(1);
        span[0] = (byte)',';
        writer.Advance(1);
    }
}
