using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// One accepted socket with an input and an output pipe, on the model of Kestrel's socket transport: a receive loop
/// fills <see cref="Input"/> (waiting with zero-byte reads so an idle connection holds no buffer) and a send loop
/// drains <see cref="Output"/>. Both pipes are bounded, so a slow peer or a slow handler applies backpressure.
/// </summary>
public sealed partial class Connection : IAsyncDisposable
{
    private static long s_nextId;

    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closing = new();
    private Transport.EpollConnectionIO? _epoll;
    private Task _receiveTask = Task.CompletedTask;
    private Task _sendTask = Task.CompletedTask;
    private byte[]? _scratch;
    private Stream? _stream;
    private int _closeState; // 0 open, 1 close requested by handler, 2 shutdown requested, 3 idle timeout
    private int _aborted;
    private volatile bool _peerClosed;
    private volatile bool _peerReset;

    internal Connection(Socket socket)
    {
        _socket = socket;
        Id = Interlocked.Increment(ref s_nextId);
        RemoteEndPoint = socket.RemoteEndPoint!; // set on every accepted socket
        LocalEndPoint = socket.LocalEndPoint!;
        _input = new Pipe(PipeSettings.Input);
        _output = new Pipe(PipeSettings.Output);
    }

    /// <summary>A process-wide unique, increasing id.</summary>
    public long Id { get; }

    /// <summary>The peer's end point.</summary>
    public EndPoint RemoteEndPoint { get; }

    /// <summary>The local end point the connection was accepted on.</summary>
    public EndPoint LocalEndPoint { get; }

    /// <summary>Bytes received from the peer. Advance what you consume.</summary>
    public PipeReader Input => _input.Reader;

    /// <summary>Bytes to send to the peer. Writes are sent when flushed.</summary>
    public PipeWriter Output => _output.Writer;

    /// <summary>Cancelled when the connection is asked to close: by the handler, by server shutdown or by an abort.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>True once <see cref="Close"/>, <see cref="Abort"/> or server shutdown asked this connection to close.</summary>
    public bool IsClosing => Volatile.Read(ref _closeState) != 0 || Volatile.Read(ref _aborted) != 0;

    /// <summary>True once the server asked this connection to close because it is shutting down.</summary>
    public bool IsShutdownRequested => Volatile.Read(ref _closeState) == 2;

    /// <summary>
    /// A blocking-capable <see cref="System.IO.Stream"/> over the pipes (socketserver's rfile and wfile in one):
    /// meant for <c>Threading</c> handlers. Every write is flushed; reads return 0 at end of input or on close.
    /// </summary>
    public Stream Stream => _stream ??= new ConnectionStream(this);

    /// <summary>True when the peer closed its sending side.</summary>
    internal bool PeerClosed => _peerClosed;

    internal bool PeerReset => _peerReset;

    /// <summary>
    /// Asks the connection to close gracefully: the handler loop stops after the current message, pending output is
    /// sent, then the socket closes with <see cref="DisconnectReason.ClosedByHandler"/>.
    /// </summary>
    public void Close()
    {
        if (Interlocked.CompareExchange(ref _closeState, 1, 0) == 0)
        {
            SignalClosing();
        }
    }

    /// <summary>Closes the socket at once, discarding pending output.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        SignalClosing();
        _epoll?.Close();
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception)
        {
            // Already closed: nothing left to reset.
        }

        _socket.Dispose();
    }

    /// <summary>Server shutdown: stop after the in-flight message, then close.</summary>
    internal void RequestShutdown()
    {
        if (Interlocked.CompareExchange(ref _closeState, 2, 0) == 0)
        {
            SignalClosing();
        }
    }

    internal bool IsAborted => Volatile.Read(ref _aborted) != 0;

    private void SignalClosing()
    {
        _input.Reader.CancelPendingRead();
        try
        {
            _closing.Cancel();
        }
        catch (AggregateException)
        {
            // A user callback registered on Closing threw; closing goes on regardless.
        }
    }

    /// <summary>The reason a loop that ended on a cancelled or completed read should report.</summary>
    internal DisconnectReason ReasonForEndOfInput()
    {
        if (IsAborted)
        {
            return IsTimedOut ? DisconnectReason.Timeout : DisconnectReason.Aborted;
        }

        return Volatile.Read(ref _closeState) switch
        {
            2 => DisconnectReason.ServerShutdown,
            1 => DisconnectReason.ClosedByHandler,
            CloseStateIdle => DisconnectReason.IdleTimeout,
            _ => _peerReset ? DisconnectReason.ConnectionReset : DisconnectReason.ClientClosed,
        };
    }

    /// <summary>The reason to report when the handler itself finished (a <c>[Handle]</c> method returned).</summary>
    internal DisconnectReason ReasonForHandlerReturn()
    {
        if (IsAborted)
        {
            return IsTimedOut ? DisconnectReason.Timeout : DisconnectReason.Aborted;
        }

        if (Volatile.Read(ref _closeState) == 2)
        {
            return DisconnectReason.ServerShutdown;
        }

        if (Volatile.Read(ref _closeState) == CloseStateIdle)
        {
            return DisconnectReason.IdleTimeout;
        }

        if (Volatile.Read(ref _closeState) == 0 && _peerReset)
        {
            return DisconnectReason.ConnectionReset;
        }

        return Volatile.Read(ref _closeState) == 0 && _peerClosed ? DisconnectReason.ClientClosed : DisconnectReason.ClosedByHandler;
    }

    /// <summary>Copies bytes into the output without flushing.</summary>
    public void Write(ReadOnlySpan<byte> data) => _output.Writer.Write(data);

    /// <summary>Encodes <paramref name="line"/> as UTF-8 followed by <c>\n</c> into the output without flushing.</summary>
    public void WriteLine(string line)
    {
        var writer = _output.Writer;
        Encoding.UTF8.GetBytes(line.AsSpan(), writer);
        var span = writer.GetSpan(1);
        span[0] = (byte)'\n';
        writer.Advance(1);
    }

    /// <summary>Writes and flushes bytes.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        _output.Writer.Write(data.Span);
        return FlushAsync(cancellationToken);
    }

    /// <summary>Writes a line (UTF-8 plus <c>\n</c>) and flushes.</summary>
    public ValueTask WriteLineAsync(string line, CancellationToken cancellationToken = default)
    {
        WriteLine(line);
        return FlushAsync(cancellationToken);
    }

    /// <summary>Sends what has been written. Completes when the output pipe has room again (backpressure).</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var writer = _output.Writer;
        if (writer.UnflushedBytes == 0)
        {
            return default;
        }

        var flush = writer.FlushAsync(cancellationToken);
        if (flush.IsCompletedSuccessfully)
        {
            return default;
        }

        return AwaitFlush(flush);

        static async ValueTask AwaitFlush(ValueTask<FlushResult> pending) => await pending.ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one line (delimiter <c>\n</c>, a preceding <c>\r</c> stripped) as UTF-8. Returns null at end of input or
    /// when the connection is closing. A line longer than <paramref name="maxLength"/> bytes throws
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public async ValueTask<string?> ReadLineAsync(int maxLength = LineFramer.DefaultMaxLength, CancellationToken cancellationToken = default)
    {
        var input = _input.Reader;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = LineFramer.TryReadLine(ref buffer, maxLength, out var line);
            if (status == LineStatus.Line)
            {
                var text = Encoding.UTF8.GetString(line);
                input.AdvanceTo(buffer.Start);
                return text;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (status == LineStatus.TooLong)
            {
                throw new InvalidDataException($"Line longer than {maxLength} bytes.");
            }

            if (result.IsCompleted || result.IsCanceled || IsClosing)
            {
                return null;
            }
        }
    }

    /// <summary>A per-connection buffer for linearising a message that spans pipe segments.</summary>
    internal ReadOnlyMemory<byte> Linearize(in ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return sequence.First;
        }

        var length = checked((int)sequence.Length);
        if (_scratch is null || _scratch.Length < length)
        {
            if (_scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(length);
        }

        sequence.CopyTo(_scratch);
        return new ReadOnlyMemory<byte>(_scratch, 0, length);
    }

    internal void Start(bool preferEpoll)
    {
        // On Linux an epoll loop drives the socket and runs the handler inline; elsewhere .NET's socket engine does.
        if (preferEpoll && Transport.EpollConnectionIO.TryStart(this, _socket, _input.Writer) is { } epoll)
        {
            _epoll = epoll;
            _sendTask = epoll.SendLoopAsync(_output.Reader);
            return;
        }

        _receiveTask = ReceiveLoopAsync();
        _sendTask = SendLoopAsync();
    }

    internal void MarkPeerClosed() => _peerClosed = true;

    internal void MarkPeerReset() => _peerReset = !IsAborted && !IsClosing;

    /// <summary>
    /// Ends the connection after its handler finished: pending output is sent, the socket is shut down and closed,
    /// and both loops are awaited. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        SignalClosingQuietly();
        await _output.Writer.CompleteAsync().ConfigureAwait(false);
        await Quietly(_sendTask).ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception)
        {
            // The peer may be gone already; the socket is closed below either way.
        }

        _epoll?.Close(); // leaves epoll while the fd is still open
        _socket.Dispose();

        // Complete the reader first: a receive loop parked on a full input pipe only wakes when nobody will read.
        await _input.Reader.CompleteAsync().ConfigureAwait(false);
        await Quietly(_receiveTask).ConfigureAwait(false);
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }
    }

    // Closing must always finish (the generated code calls OnDisconnect and unregisters after it): an I/O loop that
    // failed in a way its own handlers did not expect is over either way.
    private static async Task Quietly(Task loop)
    {
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loop is done; its error has no one left to tell.
        }
    }

    private void SignalClosingQuietly()
    {
        try
        {
            _closing.Cancel();
        }
        catch (Exception)
        {
            // Disposed or a user callback threw: nothing more to signal.
        }
    }
}
