using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Declarative.Sockets.Tests;

/// <summary>
/// Length-prefix and netstring framing over every way of splitting the input: the bytes arrive in reads of 1..N
/// bytes (the framer sees what has accumulated, as a pipe shows it) and, separately, as one buffer of two segments
/// cut anywhere.
/// </summary>
public sealed class FrameFramerTests
{
    private delegate FrameStatus Reader(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload);

    public static TheoryData<LengthPrefix> Prefixes() => new() { LengthPrefix.Int8, LengthPrefix.Int16, LengthPrefix.Int32 };

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void LengthPrefixedFramesSurviveEverySplit(LengthPrefix prefix)
    {
        string[] frames = { "a", "", "hello", new string('x', 200), "end" };
        var bytes = Encode(frames, (w, p) => LengthPrefixFramer.Write(w, p, prefix, 255));
        AssertEverySplit(bytes, Prefixed(prefix, 255), frames, FrameStatus.NeedMore);
    }

    [Fact]
    public void PrefixesAreBigEndian()
    {
        Assert.Equal(new byte[] { 3, (byte)'a', (byte)'b', (byte)'c' }, Encode(new[] { "abc" }, (w, p) => LengthPrefixFramer.Write(w, p, LengthPrefix.Int8, 10)));
        Assert.Equal(new byte[] { 0, 3, (byte)'a', (byte)'b', (byte)'c' }, Encode(new[] { "abc" }, (w, p) => LengthPrefixFramer.Write(w, p, LengthPrefix.Int16, 10)));
        Assert.Equal(new byte[] { 0, 0, 1, 2 }.Concat(new byte[258]).ToArray(), Encode(new[] { new string('\0', 258) }, (w, p) => LengthPrefixFramer.Write(w, p, LengthPrefix.Int32, 1000)));
    }

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void PrefixAboveMaxLengthIsRejectedBeforeTheBody(LengthPrefix prefix)
    {
        // "ok" then a frame declaring 9 bytes with MaxLength 8: TooLong as soon as the prefix is complete, even
        // with the whole body (and more) in the same read.
        var ok = Encode(new[] { "ok" }, (w, p) => LengthPrefixFramer.Write(w, p, prefix, 8));
        var header = Encode(new[] { "123456789" }, (w, p) => LengthPrefixFramer.Write(w, p, prefix, 100));
        AssertEverySplit(ok.Concat(header).ToArray(), Prefixed(prefix, 8), new[] { "ok" }, FrameStatus.TooLong);

        var size = LengthPrefixFramer.PrefixSize(prefix);
        var prefixOnly = new ReadOnlySequence<byte>(header.AsMemory(0, size));
        Assert.Equal(FrameStatus.TooLong, LengthPrefixFramer.TryReadFrame(ref prefixOnly, prefix, 8, out _));
        Assert.Equal(size, prefixOnly.Length); // nothing consumed

        var exact = Encode(new[] { "12345678" }, (w, p) => LengthPrefixFramer.Write(w, p, prefix, 8));
        AssertEverySplit(exact, Prefixed(prefix, 8), new[] { "12345678" }, FrameStatus.NeedMore);
    }

    [Fact]
    public void Int32PrefixAboveIntMaxValueIsTooLong()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 1 });
        Assert.Equal(FrameStatus.TooLong, LengthPrefixFramer.TryReadFrame(ref buffer, LengthPrefix.Int32, int.MaxValue, out _));
    }

    [Theory]
    [InlineData(LengthPrefix.Int8, 256, 1000)]
    [InlineData(LengthPrefix.Int16, 65536, 100000)]
    [InlineData(LengthPrefix.Int32, 11, 10)]
    [InlineData(LengthPrefix.Int8, 11, 10)]
    public void WritingWhatTheFrameCannotHoldThrowsAndWritesNothing(LengthPrefix prefix, int length, int maxLength)
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentOutOfRangeException>(() => LengthPrefixFramer.Write(writer, new byte[length], prefix, maxLength));
        Assert.Equal(0, writer.WrittenCount);
    }

    [Theory]
    [InlineData(LengthPrefix.Int8, 255)]
    [InlineData(LengthPrefix.Int16, 65535)]
    public void WritingTheLargestExpressiblePayloadWorks(LengthPrefix prefix, int length)
    {
        var writer = new ArrayBufferWriter<byte>();
        LengthPrefixFramer.Write(writer, new byte[length], prefix, int.MaxValue);
        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        Assert.Equal(FrameStatus.Frame, LengthPrefixFramer.TryReadFrame(ref buffer, prefix, int.MaxValue, out var payload));
        Assert.Equal(length, payload.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void NetstringsSurviveEverySplit()
    {
        string[] frames = { "hello world!", "", "a", new string('y', 120), ",:" };
        var bytes = Encode(frames, (w, p) => NetstringFramer.Write(w, p, 1000));
        Assert.StartsWith("12:hello world!,0:,1:a,120:", Encoding.ASCII.GetString(bytes));
        AssertEverySplit(bytes, Netstring(1000), frames, FrameStatus.NeedMore);
    }

    [Theory]
    [InlineData(":abc,", FrameStatus.Malformed)]        // missing length
    [InlineData("3x:abc,", FrameStatus.Malformed)]      // non-digit in the length
    [InlineData("a", FrameStatus.Malformed)]
    [InlineData("-1:a,", FrameStatus.Malformed)]
    [InlineData("03:abc,", FrameStatus.Malformed)]      // leading zero
    [InlineData("00:,", FrameStatus.Malformed)]
    [InlineData("3;abc,", FrameStatus.Malformed)]       // missing colon
    [InlineData("3abc,", FrameStatus.Malformed)]
    [InlineData("3:abc;", FrameStatus.Malformed)]       // missing trailing comma
    [InlineData("3:abcd,", FrameStatus.Malformed)]      // more data than declared
    [InlineData("9:123456789,", FrameStatus.TooLong)]   // above MaxLength 8
    [InlineData("10", FrameStatus.TooLong)]             // known too long before the colon
    [InlineData("99999999999999999999:", FrameStatus.TooLong)]
    public void MalformedOrOverLongNetstringsAreRejected(string input, FrameStatus expected)
    {
        var bytes = Encoding.ASCII.GetBytes("2:ok," + input);
        AssertEverySplit(bytes, Netstring(8), new[] { "ok" }, expected);
    }

    [Theory]
    [InlineData("0:,", "")]
    [InlineData("8:12345678,", "12345678")]
    public void NetstringEdgeCasesAreAccepted(string input, string payload) =>
        AssertEverySplit(Encoding.ASCII.GetBytes(input), Netstring(8), new[] { payload }, FrameStatus.NeedMore);

    [Fact]
    public void NetstringIncompleteInputNeedsMore()
    {
        foreach (var prefix in new[] { "", "1", "12", "3:", "3:ab", "3:abc" })
        {
            var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(prefix));
            Assert.Equal(FrameStatus.NeedMore, NetstringFramer.TryReadFrame(ref buffer, 100, out _));
        }
    }

    [Fact]
    public void WritingANetstringLongerThanMaxLengthThrowsAndWritesNothing()
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentOutOfRangeException>(() => NetstringFramer.Write(writer, new byte[9], 8));
        Assert.Equal(0, writer.WrittenCount);
    }

    private static Reader Prefixed(LengthPrefix prefix, int maxLength) =>
        (ref ReadOnlySequence<byte> b, out ReadOnlySequence<byte> p) => LengthPrefixFramer.TryReadFrame(ref b, prefix, maxLength, out p);

    private static Reader Netstring(int maxLength) =>
        (ref ReadOnlySequence<byte> b, out ReadOnlySequence<byte> p) => NetstringFramer.TryReadFrame(ref b, maxLength, out p);

    private static byte[] Encode(IEnumerable<string> frames, Action<IBufferWriter<byte>, byte[]> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var frame in frames)
        {
            write(writer, Encoding.Latin1.GetBytes(frame));
        }

        return writer.WrittenSpan.ToArray();
    }

    // Every read size 1..N (the framer runs after each read on what has accumulated), then every two-segment cut.
    private static void AssertEverySplit(byte[] bytes, Reader read, string[] expected, FrameStatus final)
    {
        for (var size = 1; size <= Math.Max(1, bytes.Length); size++)
        {
            var frames = new List<string>();
            var pending = new List<byte>();
            var status = FrameStatus.NeedMore;
            for (var offset = 0; offset < bytes.Length && status is FrameStatus.NeedMore or FrameStatus.Frame; offset += size)
            {
                pending.AddRange(bytes.Skip(offset).Take(size));
                var buffer = Segmented(pending.ToArray(), pending.Count / 2);
                status = Drain(ref buffer, read, frames);
                pending = buffer.ToArray().ToList();
            }

            Assert.Equal(expected, frames);
            Assert.Equal(final, status);
            if (final == FrameStatus.NeedMore)
            {
                Assert.Empty(pending);
            }
        }

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var buffer = Segmented(bytes, cut);
            var frames = new List<string>();
            var status = Drain(ref buffer, read, frames);
            Assert.Equal(expected, frames);
            Assert.Equal(final, status);
        }
    }

    private static FrameStatus Drain(ref ReadOnlySequence<byte> buffer, Reader read, List<string> frames)
    {
        FrameStatus status;
        while ((status = read(ref buffer, out var payload)) == FrameStatus.Frame)
        {
            frames.Add(Encoding.Latin1.GetString(payload.ToArray()));
        }

        return status;
    }

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
