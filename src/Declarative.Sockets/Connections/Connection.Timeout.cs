using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

// socketserver's StreamRequestHandler.timeout and verify_request refusal, kept apart from the I/O loops.
public sealed partial class Connection
{
    private long _lastReceive = Environment.TickCount64;
    private TimeSpan? _timeout;
    private int _watching;
    private int _timedOut;
    private int _shutdownCalls;

    /// <summary>
    /// socketserver's <c>StreamRequestHandler.timeout</c>: when set, a connection that receives nothing for this long
    /// is aborted with <see cref="DisconnectReason.Timeout"/>. Starts with the server's <c>Timeout</c> option; a
    /// handler may change it (for example in <c>[OnConnect]</c>). Null for none.
    /// </summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        set
        {
            if (value is { } limit)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
            }

            _timeout = value;
            if (value is not null && Interlocked.Exchange(ref _watching, 1) == 0)
            {
                _ = WatchIdleAsync();
            }
        }
    }

    /// <summary>
    /// socketserver's <c>disable_nagle_algorithm</c>: TCP_NODELAY on this connection (TCP only; always false on a Unix
    /// socket, where setting it does nothing). Servers set it on accept from their <c>NoDelay</c> option.
    /// </summary>
    public bool NoDelay
    {
        get => IsTcp && !IsAborted && _socket.NoDelay;
        set
        {
            if (IsTcp && !IsAborted)
            {
                _socket.NoDelay = value;
            }
        }
    }

    private bool IsTcp => _socket.ProtocolType == ProtocolType.Tcp;

    /// <summary>True when the connection was aborted because <see cref="Timeout"/> passed without input.</summary>
    public bool IsTimedOut => Volatile.Read(ref _timedOut) != 0;

    /// <summary>How many times a refusal shut the socket down (tests check a refused peer is shut down exactly once).</summary>
    internal int ShutdownCalls => Volatile.Read(ref _shutdownCalls);

    internal void NoteReceive() => Volatile.Write(ref _lastReceive, Environment.TickCount64);

    /// <summary>A peer <c>[VerifyRequest]</c> refused: shut the socket down and close it, once; no loop ever started.</summary>
    internal void Refuse()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        SignalClosingQuietly();
        ShutdownRefusedSocket();
        _socket.Dispose();
        _input.Writer.Complete();
        _input.Reader.Complete();
        _output.Writer.Complete();
        _output.Reader.Complete();
    }

    private void ShutdownRefusedSocket()
    {
        Interlocked.Increment(ref _shutdownCalls);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception)
        {
            // The peer may be gone already; the socket is closed by the caller either way.
        }
    }

    private async Task WatchIdleAsync()
    {
        while (!IsClosing && _timeout is { } limit)
        {
            var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastReceive));
            if (idle >= limit)
            {
                Volatile.Write(ref _timedOut, 1);
                Abort();
                return;
            }

            try
            {
                await Task.Delay(limit - idle, Closing).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        Volatile.Write(ref _watching, 0);
    }
}
