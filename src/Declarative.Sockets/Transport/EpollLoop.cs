using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Declarative.Sockets.Transport;

/// <summary>
/// One epoll instance and the thread that waits on it and runs each ready connection's I/O, framing and dispatch
/// inline (no thread-pool hop per message). If a handler blocks that thread, <see cref="EpollLoopPool"/>'s
/// watchdog retires it and starts a replacement, which takes over the rest of the current batch and the epoll fd,
/// so one blocking handler never stalls the other connections for longer than the watchdog interval.
/// </summary>
internal sealed unsafe class EpollLoop
{
    private const int MaxEvents = 256;

    private readonly int _epfd;
    private readonly byte* _events;
    private readonly object _waitLock = new();
    private readonly object _claimLock = new();
    private readonly object _slotsLock = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly string _name;
    private EpollRegistration?[] _slots = new EpollRegistration?[256];
    private uint[] _generations = new uint[256];
    private int _usedSlots;
    private int _count;
    private int _next;
    private LoopThread _current;

    public EpollLoop(int index)
    {
        _epfd = Libc.epoll_create1(Libc.EPOLL_CLOEXEC);
        if (_epfd < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _events = (byte*)NativeMemory.AllocZeroed((nuint)(MaxEvents * EpollEvent.Size));
        _name = "Declarative epoll " + index;
        _current = StartThread();
    }

    /// <summary>Registers an fd edge-triggered for input, output and hang-up; returns false if epoll refused it.</summary>
    public bool Register(EpollRegistration registration, int fd)
    {
        ulong data;
        lock (_slotsLock)
        {
            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _usedSlots++;
            if (slot >= _slots.Length)
            {
                Array.Resize(ref _generations, _slots.Length * 2);
                var grown = new EpollRegistration?[_slots.Length * 2];
                Array.Copy(_slots, grown, _slots.Length);
                Volatile.Write(ref _slots, grown);
            }

            registration.Slot = slot;
            registration.Generation = ++_generations[slot];
            Volatile.Write(ref _slots[slot], registration);
            data = ((ulong)(uint)slot << 32) | registration.Generation;
        }

        var entry = stackalloc byte[16];
        EpollEvent.Write(entry, Libc.EPOLLIN | Libc.EPOLLOUT | Libc.EPOLLRDHUP | Libc.EPOLLET, data);
        if (Libc.epoll_ctl(_epfd, Libc.EPOLL_CTL_ADD, fd, entry) == 0)
        {
            return true;
        }

        Release(registration);
        return false;
    }

    /// <summary>Removes the fd (which must still be open) and frees the slot; stale events for it are ignored.</summary>
    public void Unregister(EpollRegistration registration, int fd)
    {
        if (fd >= 0)
        {
            Libc.epoll_ctl(_epfd, Libc.EPOLL_CTL_DEL, fd, null);
        }

        Release(registration);
    }

    /// <summary>Frees the slot without touching epoll (the fd is already closed, which removed it).</summary>
    public void Release(EpollRegistration registration)
    {
        lock (_slotsLock)
        {
            var slot = registration.Slot;
            if (slot < 0 || !ReferenceEquals(_slots[slot], registration))
            {
                return;
            }

            Volatile.Write(ref _slots[slot], null);
            registration.Slot = -1;
            _freeSlots.Push(slot);
        }
    }

    /// <summary>Called by the watchdog: true when the running thread has been inside one dispatch for longer than <paramref name="limit"/> ticks.</summary>
    public bool ReplaceIfStuck(long now, long limit)
    {
        var current = Volatile.Read(ref _current);
        var since = Volatile.Read(ref current.BusySince);
        if (since == 0 || now - since < limit)
        {
            return false;
        }

        current.Retired = true;
        Volatile.Write(ref _current, StartThread());
        return true;
    }

    private LoopThread StartThread()
    {
        var state = new LoopThread();
        var thread = new Thread(() => Run(state)) { IsBackground = true, Name = _name };
        thread.UnsafeStart();
        return state;
    }

    private void Run(LoopThread self)
    {
        while (!self.Retired)
        {
            if (TryClaim(out var events, out var data))
            {
                Volatile.Write(ref self.BusySince, Stopwatch.GetTimestamp());
                Dispatch(events, data);
                Volatile.Write(ref self.BusySince, 0);
                continue;
            }

            lock (_waitLock)
            {
                lock (_claimLock)
                {
                    if (_next < _count)
                    {
                        continue; // a replaced thread left work in the batch
                    }
                }

                var ready = WaitForEvents();

                lock (_claimLock)
                {
                    _count = Math.Max(ready, 0);
                    _next = 0;
                }
            }
        }
    }

    // Polls briefly before sleeping: on a request/response connection the next request usually arrives within tens of
    // microseconds, and catching it awake saves the wake-up latency that dominates one-connection round trips.
    private int WaitForEvents()
    {
        var spinUntil = Stopwatch.GetTimestamp() + EpollLoopPool.SpinTicks;
        int ready;
        while ((ready = Libc.epoll_wait(_epfd, _events, MaxEvents, 0)) == 0 && Stopwatch.GetTimestamp() < spinUntil)
        {
            Thread.SpinWait(10);
        }

        while (ready <= 0)
        {
            ready = Libc.epoll_wait(_epfd, _events, MaxEvents, -1);
            if (ready < 0 && Marshal.GetLastPInvokeError() is var errno && errno != Libc.EINTR)
            {
                // Not expected on a valid epoll fd; report and back off rather than spin.
                Console.Error.WriteLine($"{_name}: epoll_wait failed: errno {errno}");
                Thread.Sleep(100);
                return 0;
            }
        }

        return ready;
    }

    // Entries are copied under the lock, so the waiter may overwrite the batch once every entry is claimed.
    private bool TryClaim(out uint events, out ulong data)
    {
        lock (_claimLock)
        {
            if (_next < _count)
            {
                var entry = _events + (_next++ * EpollEvent.Size);
                events = EpollEvent.Events(entry);
                data = EpollEvent.Data(entry);
                return true;
            }
        }

        events = 0;
        data = 0;
        return false;
    }

    private void Dispatch(uint events, ulong data)
    {
        var slot = (int)(data >> 32);
        var slots = Volatile.Read(ref _slots);
        if ((uint)slot < (uint)slots.Length && Volatile.Read(ref slots[slot]) is { } registration && registration.Generation == (uint)data)
        {
            try
            {
                registration.OnEvents(events);
            }
            catch (Exception ex)
            {
                // Connection code handles its own errors; this keeps a bug from killing the loop for everyone.
                Console.Error.WriteLine($"{_name}: unhandled error in event dispatch: {ex}");
            }
        }
    }

    private sealed class LoopThread
    {
        public long BusySince;
        public volatile bool Retired;
    }
}
