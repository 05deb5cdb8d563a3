using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// Reads frames (<see cref="FrameFormat"/>) from a connection and hands each payload to a dispatcher until the peer
/// closes, the connection is asked to close, or the input breaks the framing: a declared length above the limit ends
/// the loop with <see cref="DisconnectReason.MessageTooLong"/> before the body is read, malformed input with
/// <see cref="DisconnectReason.ProtocolError"/>. A frame larger than the input pipe's window is assembled in a pooled
/// buffer, so any frame up to the limit gets through. Replies written during a batch of buffered frames go out in one flush.
/// </summary>
public static class FrameLoop
{
    // Frames up to this size wait whole in the input pipe (whose window is larger); bigger ones are copied out as they arrive.
    private const int AssembleThreshold = 16 * 1024;

    /// <summary>The event-driven loop: awaits input, so it holds no thread while idle.</summary>
    public static async ValueTask<DisconnectReason> RunAsync<TDispatcher>(Connection connection, TDispatcher dispatcher, FrameFormat format, int maxLength)
        where TDispatcher : IFrameDispatcher
    {
        var assembler = new Assembler(format, maxLength);
        try
        {
            var input = connection.Input;
            while (true)
            {
                await connection.WaitReadBudgetAsync().ConfigureAwait(false);
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                FrameStatus status;
                while ((status = assembler.Next(connection, ref buffer, out var payload)) == FrameStatus.Frame)
                {
                    await dispatcher.OnFrameAsync(connection, payload).ConfigureAwait(false);
                    if (connection.IsClosing)
                    {
                        break;
                    }
                }

                var reason = Finish(connection, input, result, buffer, status);
                await connection.FlushAsync().ConfigureAwait(false);
                if (reason is not null)
                {
                    return reason.Value;
                }
            }
        }
        finally
        {
            assembler.Release();
        }
    }

    /// <summary>The blocking loop for <c>Threading</c> servers: the handler runs on the calling thread.</summary>
    public static DisconnectReason Run<TDispatcher>(Connection connection, TDispatcher dispatcher, FrameFormat format, int maxLength)
        where TDispatcher : IFrameDispatcher
    {
        var assembler = new Assembler(format, maxLength);
        try
        {
            var input = connection.Input;
            while (true)
            {
                Blocking.Wait(connection.WaitReadBudgetAsync());
                var result = Blocking.Wait(input.ReadAsync());
                var buffer = result.Buffer;
                FrameStatus status;
                while ((status = assembler.Next(connection, ref buffer, out var payload)) == FrameStatus.Frame)
                {
                    Blocking.Wait(dispatcher.OnFrameAsync(connection, payload));
                    if (connection.IsClosing)
                    {
                        break;
                    }
                }

                var reason = Finish(connection, input, result, buffer, status);
                Blocking.Wait(connection.FlushAsync());
                if (reason is not null)
                {
                    return reason.Value;
                }
            }
        }
        finally
        {
            assembler.Release();
        }
    }

    /// <summary>The event-driven loop for a user frame type, read and written by its <see cref="IFrame{TSelf}"/> members.</summary>
    public static async ValueTask<DisconnectReason> RunAsync<TFrame, TDispatcher>(Connection connection, TDispatcher dispatcher, int maxLength)
        where TFrame : IFrame<TFrame>
        where TDispatcher : IFrameDispatcher<TFrame>
    {
        var input = connection.Input;
        while (true)
        {
            await connection.WaitReadBudgetAsync().ConfigureAwait(false);
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            FrameStatus status;
            while ((status = TFrame.TryRead(ref buffer, maxLength, out var frame)) == FrameStatus.Frame)
            {
                await dispatcher.OnFrameAsync(connection, frame).ConfigureAwait(false);
                if (connection.IsClosing)
                {
                    break;
                }
            }

            var reason = Finish(connection, input, result, buffer, WindowLimit(status, buffer));
            await connection.FlushAsync().ConfigureAwait(false);
            if (reason is not null)
            {
                return reason.Value;
            }
        }
    }

    /// <summary>The blocking loop for a user frame type, for <c>Threading</c> servers.</summary>
    public static DisconnectReason Run<TFrame, TDispatcher>(Connection connection, TDispatcher dispatcher, int maxLength)
        where TFrame : IFrame<TFrame>
        where TDispatcher : IFrameDispatcher<TFrame>
    {
        var input = connection.Input;
        while (true)
        {
            Blocking.Wait(connection.WaitReadBudgetAsync());
            var result = Blocking.Wait(input.ReadAsync());
            var buffer = result.Buffer;
            FrameStatus status;
            while ((status = TFrame.TryRead(ref buffer, maxLength, out var frame)) == FrameStatus.Frame)
            {
                Blocking.Wait(dispatcher.OnFrameAsync(connection, frame));
                if (connection.IsClosing)
                {
                    break;
                }
            }

            var reason = Finish(connection, input, result, buffer, WindowLimit(status, buffer));
            Blocking.Wait(connection.FlushAsync());
            if (reason is not null)
            {
                return reason.Value;
            }
        }
    }

    // A user frame that still needs more once the input window is full can never complete: the pipe stops receiving.
    private static FrameStatus WindowLimit(FrameStatus status, in ReadOnlySequence<byte> rest) =>
        status == FrameStatus.NeedMore && rest.Length >= PipeSettings.InputPauseThreshold ? FrameStatus.TooLong : status;

    /// <summary>Writes <paramref name="payload"/> as one frame in <paramref name="format"/> without flushing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The payload does not fit one frame.</exception>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, FrameFormat format, int maxLength)
    {
        if (format == FrameFormat.Netstring)
        {
            NetstringFramer.Write(writer, payload, maxLength);
        }
        else
        {
            LengthPrefixFramer.Write(writer, payload, PrefixOf(format), maxLength);
        }
    }

    private static LengthPrefix PrefixOf(FrameFormat format) => format switch
    {
        FrameFormat.Int8Prefix => LengthPrefix.Int8,
        FrameFormat.Int16Prefix => LengthPrefix.Int16,
        FrameFormat.Int32Prefix => LengthPrefix.Int32,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a defined FrameFormat."),
    };

    private static DisconnectReason? Finish(Connection connection, PipeReader input, in ReadResult result, in ReadOnlySequence<byte> rest, FrameStatus status) =>
        LoopEnd.Finish(connection, input, result, rest, status switch
        {
            FrameStatus.TooLong => DisconnectReason.MessageTooLong,
            FrameStatus.Malformed => DisconnectReason.ProtocolError,
            _ => null,
        });

    // Per-connection framing state: a frame bigger than AssembleThreshold is copied into a pooled array as it arrives
    // (consuming the pipe) instead of waiting whole in the bounded input pipe. A class, so the loops share one instance.
    private sealed class Assembler
    {
        private readonly FrameFormat _format;
        private readonly int _maxLength;
        private readonly int _trailer;
        private byte[]? _large;
        private int _payloadLength;
        private int _filled;
        private bool _assembling;

        public Assembler(FrameFormat format, int maxLength)
        {
            if (format == FrameFormat.Netstring)
            {
                _trailer = 1;
            }
            else
            {
                _ = PrefixOf(format);
            }

            _format = format;
            _maxLength = maxLength;
        }

        // The next payload, valid until the next call. Consumes from buffer what it used.
        public FrameStatus Next(Connection connection, ref ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> payload)
        {
            payload = default;
            if (_assembling)
            {
                var total = _payloadLength + _trailer;
                var take = (int)Math.Min(total - _filled, buffer.Length);
                buffer.Slice(0, take).CopyTo(_large.AsSpan(_filled));
                _filled += take;
                buffer = buffer.Slice(take);
                if (_filled < total)
                {
                    return FrameStatus.NeedMore;
                }

                _assembling = false;
                if (_trailer == 1 && _large![_payloadLength] != (byte)',')
                {
                    return FrameStatus.Malformed;
                }

                payload = _large.AsMemory(0, _payloadLength);
                return FrameStatus.Frame;
            }

            ReleaseLarge();
            var status = _format == FrameFormat.Netstring
                ? NetstringFramer.TryReadHeader(buffer, _maxLength, out var header, out var length)
                : LengthPrefixFramer.TryReadHeader(buffer, PrefixOf(_format), _maxLength, out header, out length);
            if (status != FrameStatus.Frame)
            {
                return status;
            }

            var frame = header + (long)length + _trailer;
            if (buffer.Length >= frame)
            {
                if (_trailer == 1 && buffer.Slice(header + (long)length, 1).FirstSpan[0] != (byte)',')
                {
                    return FrameStatus.Malformed;
                }

                payload = connection.Linearize(buffer.Slice(header, length));
                buffer = buffer.Slice(frame);
                return FrameStatus.Frame;
            }

            if (frame <= AssembleThreshold)
            {
                return FrameStatus.NeedMore;
            }

            _large = ArrayPool<byte>.Shared.Rent(length + _trailer);
            _payloadLength = length;
            _filled = 0;
            _assembling = true;
            buffer = buffer.Slice(header);
            return Next(connection, ref buffer, out payload);
        }

        public void Release() => ReleaseLarge();

        private void ReleaseLarge()
        {
            if (_large is not null)
            {
                ArrayPool<byte>.Shared.Return(_large);
                _large = null;
            }
        }
    }
}
