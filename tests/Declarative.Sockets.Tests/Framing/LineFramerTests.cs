using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Declarative.Sockets.Tests;

/// <summary>Line framing over every way of splitting the input into segments.</summary>
public sealed class LineFramerTests
{
    [Theory]
    [InlineData("a\nbb\r\n\nccc\n", new[] { "a", "bb", "", "ccc" })]
    [InlineData("only\r\n", new[] { "only" })]
    [InlineData("keep\rinside\n", new[] { "keep\rinside" })]
    public void SplitsLinesWhereverTheInputIsCut(string input, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var buffer = Segmented(bytes, cut);
            var lines = new List<string>();
            while (LineFramer.TryReadLine(ref buffer, 16, out var line) == LineStatus.Line)
            {
                lines.Add(Encoding.UTF8.GetString(line.ToArray()));
            }

            Assert.Equal(expected, lines);
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void UnfinishedLineIsRejectedOnlyOnceItProvablyExceedsTheLimit()
    {
        Assert.Equal(LineStatus.NeedMore, Status("12345678"));      // exactly the limit, delimiter may follow
        Assert.Equal(LineStatus.NeedMore, Status("12345678\r"));    // limit plus a split \r\n
        Assert.Equal(LineStatus.TooLong, Status("123456789"));      // limit plus a byte that is not \r
        Assert.Equal(LineStatus.TooLong, Status("12345678\rx"));
        Assert.Equal(LineStatus.Line, Status("12345678\r\n"));
        Assert.Equal(LineStatus.TooLong, Status("123456789\n"));
    }

    private static LineStatus Status(string input)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(input));
        return LineFramer.TryReadLine(ref buffer, 8, out _);
    }

    // Two segments cut at 'cut', so a delimiter or a \r\n pair can straddle segments.
    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int cut)
    {
        var first = new Segment(bytes.Take(cut).ToArray());
        var last = first.Append(bytes.Skip(cut).ToArray());
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
