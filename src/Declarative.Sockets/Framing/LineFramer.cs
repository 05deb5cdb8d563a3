using System.Buffers;

namespace Declarative.Sockets;

/// <summary>What <see cref="LineFramer.TryReadLine"/> found.</summary>
public enum LineStatus
{
    /// <summary>No complete line yet, and what is buffered may still become a valid one.</summary>
    NeedMore,

    /// <summary>A complete line was read.</summary>
    Line,

    /// <summary>The buffered line provably exceeds the limit.</summary>
    TooLong,
}

/// <summary>
/// Splits lines at <c>\n</c>, stripping one <c>\r</c> just before it. The limit counts the line without its
/// delimiter. An unfinished line is rejected only once it provably exceeds the limit: more than
/// <c>maxLength + 1</c> bytes, or exactly that many when the last one is not the <c>\r</c> of a split <c>\r\n</c>.
/// </summary>
public static class LineFramer
{
    /// <summary>The default longest line: 16 KiB.</summary>
    public const int DefaultMaxLength = 16 * 1024;

    /// <summary>
    /// Reads one line from the front of <paramref name="buffer"/>; on <see cref="LineStatus.Line"/> the buffer is
    /// advanced past the delimiter and <paramref name="line"/> holds the line without it.
    /// </summary>
    public static LineStatus TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLength, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadTo(out line, (byte)'\n', advancePastDelimiter: true))
        {
            var length = line.Length;
            if (length > 0 && EndsWithCarriageReturn(line))
            {
                line = line.Slice(0, length - 1);
                length--;
            }

            if (length > maxLength)
            {
                return LineStatus.TooLong;
            }

            buffer = buffer.Slice(reader.Position);
            return LineStatus.Line;
        }

        line = default;
        var pending = buffer.Length;
        if (pending > maxLength + 1L || (pending == maxLength + 1L && !EndsWithCarriageReturn(buffer)))
        {
            return LineStatus.TooLong;
        }

        return LineStatus.NeedMore;
    }

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> sequence)
    {
        var last = sequence.Slice(sequence.Length - 1);
        return last.FirstSpan[0] == (byte)'\r';
    }
}
