using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Transport;

/// <summary>
/// A connection's socket I/O on an <see cref="EpollLoop"/>: edge-triggered readiness, non-blocking recv/send
/// straight on the fd. Received bytes go through a per-thread scratch buffer into the input pipe, so an idle
/// connection holds no buffer; the pipe's inline reader runs framing and the handler on the same thread.
/// </summary>
/// <remarks>
/// Reading is owned by whoever holds <see cref="_reading"/>: the loop thread, or the thread-pool thread resuming
/// after input backpressure. An event that arrives while another owner reads sets <see cref="_readPending"/>, and the
/// owner reads again before letting go, so no edge is lost.
/// </remarks>
internal sealed class EpollConnectionIO : EpollRegistration
{
    private const int ScratchSize = 64 * 1024;

    private readonly Connection _connection;
    private readonly Socket _socket;
    private readonly int _fd;
    private readonly EpollLoop _loop;
    private readonly PipeWriter _input;
    private readonly SemaphoreSlim _writable = new(0);
    private readonly Action _resumeAfterFlush;
    private ValueTask<FlushResult> _pendingFlush;
    private int _reading;
    private int _readPending;
    private int _closed;
    private int _inputCompleted;
    private int _waitingForWrite;
    private int _unregistered;

    private EpollConnectionIO(Connection connection, Socket socket, EpollLoop loop, PipeWriter input)
    {
        _connection = connection;
        _socket = socket;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        _loop = loop;
        _input = input;
        _resumeAfterFlush = ResumeAfterFlush;
    }

    /// <summary>Registers the socket with a loop; null when epoll is unavailable or refused it.</summary>
    public static EpollConnectionIO? TryStart(Connection connection, Socket socket, PipeWriter input)
    {
        if (EpollLoopPool.Next() is not { } loop)
        {
            return null;
        }

        try
        {
            socket.Blocking = false;
            var io = new EpollConnectionIO(connection, socket, loop, input);
            return loop.Register(io, io._fd) ? io : null;
        }
        catch (ObjectDisposedException)
        {
            return null; // aborted (shutdown) before it started: the managed loops end at once on it
        }
    }

    public override void OnEvents(uint events)
    {
        if ((events & (Libc.EPOLLOUT | Libc.EPOLLERR | Libc.EPOLLHUP)) != 0 && Interlocked.Exchange(ref _waitingForWrite, 0) == 1)
        {
            _writable.Release();
        }

        if ((events & (Libc.EPOLLIN | Libc.EPOLLRDHUP | Libc.EPOLLERR | Libc.EPOLLHUP)) != 0)
        {
            Readable();
        }
    }

    /// <summary>Sends everything the handler writes to the output pipe until it completes.</summary>
    public async Task SendLoopAsync(PipeReader output)
    {
        try
        {
            while (true)
            {
                var result = await output.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    var sent = Send(buffer);
                    if (sent == -Libc.EINTR)
                    {
                        continue;
                    }

                    if (sent == -Libc.EAGAIN)
                    {
                        // Arm the wake-up, then try once more: the writable edge may have come before the flag.
                        Volatile.Write(ref _waitingForWrite, 1);
                        sent = Send(buffer);
                        if (sent == -Libc.EAGAIN)
                        {
                            await _writable.WaitAsync().ConfigureAwait(false);
                            if (Volatile.Read(ref _closed) != 0)
                            {
                                return; // closed or aborted: no edge will signal writable again
                            }

                            continue;
                        }

                        Interlocked.Exchange(ref _waitingForWrite, 0);
                    }

                    if (sent <= 0)
                    {
                        return; // the peer is gone or we were aborted
                    }

                    buffer = buffer.Slice(sent);
                }

                output.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception) when (Volatile.Read(ref _closed) == 0)
        {
            // The handler completed Output with an error: stop sending; closing goes on as usual.
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops reading and completes the input; removes the fd from epoll while it is still open.</summary>
    public void Close()
    {
        Volatile.Write(ref _closed, 1);
        Unregister();
        _writable.Release();
        if (Interlocked.CompareExchange(ref _reading, 1, 0) == 0)
        {
            CompleteInput();
        }
    }

    private void Unregister()
    {
        if (Interlocked.Exchange(ref _unregistered, 1) != 0)
        {
            return;
        }

        var handle = _socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _loop.Unregister(this, _fd);
        }
        catch (ObjectDisposedException)
        {
            _loop.Release(this); // closing the fd already removed it from epoll
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private void Readable()
    {
        Volatile.Write(ref _readPending, 1);
        while (Interlocked.CompareExchange(ref _reading, 1, 0) == 0)
        {
            if (!Drain())
            {
                return; // still owned: paused on backpressure, or input finished
            }

            Interlocked.Exchange(ref _reading, 0); // a full fence: the pending check below must not move above it
            if (Volatile.Read(ref _readPending) == 0 && Volatile.Read(ref _closed) == 0)
            {
                return;
            }
        }
    }

    // Reads until the socket has nothing more. Returns true to release ownership, false to keep it.
    private bool Drain()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(ScratchSize);
        try
        {
            return Drain(scratch);
        }
        catch (Exception)
        {
            // The handler completed Input with an error (flush results throw): stop reading this connection.
            CompleteInput();
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private bool Drain(byte[] scratch)
    {
        while (true)
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                CompleteInput();
                return false;
            }

            Volatile.Write(ref _readPending, 0);
            while (true)
            {
                var received = Receive(scratch);
                if (received > 0)
                {
                    _connection.NoteReceive();
                    _input.Write(new ReadOnlySpan<byte>(scratch, 0, (int)received));
                    var flush = _input.FlushAsync();
                    if (!flush.IsCompleted)
                    {
                        _pendingFlush = flush;
                        flush.GetAwaiter().UnsafeOnCompleted(_resumeAfterFlush);
                        return false;
                    }

                    if (flush.Result.IsCompleted)
                    {
                        CompleteInput(); // the handler stopped reading
                        return false;
                    }

                    // Always read on to EAGAIN: a short read does not mean drained (TCP stops at an urgent mark,
                    // Unix sockets at a message carrying descriptors or credentials) and no new edge would come.
                    continue;
                }

                if (received == 0)
                {
                    _connection.MarkPeerClosed();
                    CompleteInput();
                    return false;
                }

                if (received == -Libc.EINTR)
                {
                    continue;
                }

                if (received == -Libc.EAGAIN)
                {
                    break;
                }

                _connection.MarkPeerReset();
                CompleteInput();
                return false;
            }

            if (Volatile.Read(ref _readPending) == 0)
            {
                return true;
            }
        }
    }

    private void ResumeAfterFlush()
    {
        FlushResult result;
        try
        {
            result = _pendingFlush.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            CompleteInput(); // the handler completed Input with an error
            return;
        }
        finally
        {
            _pendingFlush = default;
        }

        if (result.IsCompleted)
        {
            CompleteInput();
            return;
        }

        if (!Drain())
        {
            return;
        }

        Interlocked.Exchange(ref _reading, 0);
        if (Volatile.Read(ref _readPending) != 0 || Volatile.Read(ref _closed) != 0)
        {
            Readable();
        }
    }

    private void CompleteInput()
    {
        if (Interlocked.Exchange(ref _inputCompleted, 1) == 0)
        {
            _input.Complete();
        }
    }

    private unsafe nint Receive(byte[] buffer)
    {
        var handle = _socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            fixed (byte* p = buffer)
            {
                var n = Libc.recv(_fd, p, buffer.Length, 0);
                return n >= 0 ? n : -Marshal.GetLastPInvokeError();
            }
        }
        catch (ObjectDisposedException)
        {
            return -9; // EBADF: aborted
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    // One send for one segment, one gathered sendmsg for up to MaxGather segments (bulk replies span many).
    private unsafe nint Send(in ReadOnlySequence<byte> data)
    {
        const int MaxGather = 16;
        var handle = _socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            nint n;
            if (data.IsSingleSegment)
            {
                fixed (byte* p = data.FirstSpan)
                {
                    n = Libc.send(_fd, p, data.FirstSpan.Length, Libc.MSG_NOSIGNAL);
                }
            }
            else
            {
                var vectors = stackalloc Libc.IoVec[MaxGather];
                var pins = new PinSet();
                var count = 0;
                foreach (var segment in data)
                {
                    if (count == MaxGather)
                    {
                        break;
                    }

                    if (segment.IsEmpty)
                    {
                        continue;
                    }

                    var pin = segment.Pin();
                    pins[count] = pin;
                    vectors[count].Base = (byte*)pin.Pointer;
                    vectors[count].Length = (nuint)segment.Length;
                    count++;
                }

                var message = default(Libc.MsgHdr);
                message.Iov = vectors;
                message.IovLength = (nuint)count;
                n = Libc.sendmsg(_fd, &message, Libc.MSG_NOSIGNAL);
                var error = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                for (var i = 0; i < count; i++)
                {
                    pins[i].Dispose();
                }

                return n >= 0 ? n : -error;
            }

            return n >= 0 ? n : -Marshal.GetLastPInvokeError();
        }
        catch (ObjectDisposedException)
        {
            return -9;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [System.Runtime.CompilerServices.InlineArray(16)]
    private struct PinSet
    {
        private System.Buffers.MemoryHandle _first;
    }
}
