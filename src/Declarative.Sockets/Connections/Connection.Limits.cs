using System.Buffers;
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

// Idle timeout and read-rate throttling, both driven by the server's one heartbeat (see StreamSocketServer.Heartbeat).
public sealed partial class Connection
{
    private const int CloseStateIdle = 3;

    private long _idleSince = Environment.TickCount64;
    private int _idleCheck;
    private long _readLimit;
    private long _readThisWindow;
    private TaskCompletionSource? _throttle;

    /// <summary>The handler instance the generated server attached (for <c>[OnIdle]</c>).</summary>
    internal object? Handler { get; set; }

    /// <summary>
    /// The read-rate budget in bytes per second for this connection (0 for none). The processing loops stop reading
    /// once it is spent and resume at the first heartbeat tick after the current one-second window ends.
    /// </summary>
    internal long MaxReadBytesPerSecond
    {
        get => Volatile.Read(ref _readLimit);
        set => Volatile.Write(ref _readLimit, value);
    }

    /// <summary>The input bytes the loop may still hand on in the current window (long.MaxValue when unthrottled).</summary>
    internal long ReadBudget
    {
        get
        {
            var limit = MaxReadBytesPerSecond;
            return limit <= 0 ? long.MaxValue : Math.Max(0, limit - Volatile.Read(ref _readThisWindow));
        }
    }

    /// <summary>Counts bytes a processing loop consumed against the read budget.</summary>
    internal void CountRead(long bytes)
    {
        if (MaxReadBytesPerSecond > 0 && bytes > 0)
        {
            Interlocked.Add(ref _readThisWindow, bytes);
        }
    }

    /// <summary>
    /// Completes at once while the budget lasts; otherwise when the heartbeat opens a new window or the connection
    /// starts closing. Processing loops await it before reading more input.
    /// </summary>
    internal ValueTask WaitReadBudgetAsync()
    {
        if (ReadBudget > 0 || IsClosing)
        {
            return default;
        }

        TaskCompletionSource gate;
        lock (_input)
        {
            gate = _throttle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // Re-check after publishing the gate: a tick in between would otherwise be missed.
        if (ReadBudget > 0 || IsClosing)
        {
            OpenReadWindow(resetCount: false);
            return default;
        }

        return new ValueTask(gate.Task.WaitAsync(Closing).ContinueWith(static _ => { }, TaskScheduler.Default));
    }

    /// <summary>Heartbeat: a new one-second window; paused reading resumes.</summary>
    internal void OpenReadWindow(bool resetCount = true)
    {
        if (resetCount)
        {
            Volatile.Write(ref _readThisWindow, 0);
        }

        TaskCompletionSource? gate;
        lock (_input)
        {
            gate = _throttle;
            _throttle = null;
        }

        gate?.TrySetResult();
    }

    /// <summary>True when the connection was closed because it was idle longer than the server's IdleTimeout.</summary>
    public bool IsIdleTimedOut => Volatile.Read(ref _closeState) == CloseStateIdle;

    /// <summary>Milliseconds since the last input, or since the last idle period was granted by <c>[OnIdle]</c>.</summary>
    internal long IdleMilliseconds(long now) => now - Math.Max(Volatile.Read(ref _lastReceive), Volatile.Read(ref _idleSince));

    /// <summary>Heartbeat: at most one idle check runs per connection at a time.</summary>
    internal bool TryBeginIdleCheck() => Interlocked.Exchange(ref _idleCheck, 1) == 0;

    internal void EndIdleCheck(bool keepOpen)
    {
        if (keepOpen)
        {
            Volatile.Write(ref _idleSince, Environment.TickCount64);
        }

        Volatile.Write(ref _idleCheck, 0);
    }

    /// <summary>Closes gracefully (pending output is sent) with <see cref="DisconnectReason.IdleTimeout"/>.</summary>
    internal void CloseIdle()
    {
        if (Interlocked.CompareExchange(ref _closeState, CloseStateIdle, 0) == 0)
        {
            SignalClosing();
        }
    }
}

// Server broadcasts: serialised per connection, errors swallowed.
public sealed partial class Connection
{
    private readonly SemaphoreSlim _broadcastGate = new(1, 1);

    /// <summary>Writes and flushes one broadcast; never throws. Ends early when the connection closes.</summary>
    internal async Task BroadcastAsync(ReadOnlyMemory<byte> data)
    {
        try
        {
            await _broadcastGate.WaitAsync(Closing).ConfigureAwait(false);
        }
        catch (Exception)
        {
            return;
        }

        try
        {
            if (!IsClosing)
            {
                _output.Writer.Write(data.Span);
                await _output.Writer.FlushAsync(Closing).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // A dead or closing peer: the others are not affected.
        }
        finally
        {
            _broadcastGate.Release();
        }
    }
}
