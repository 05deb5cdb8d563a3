using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Declarative.Sockets.Transport;

/// <summary>
/// The process-wide epoll loops (one per two cores) that serve every connection of every server in the process, and the
/// watchdog that replaces a loop thread stuck in a blocking handler.
/// </summary>
internal static class EpollLoopPool
{
    /// <summary>A dispatch running longer than this is treated as blocking and its loop thread is replaced.</summary>
    public static readonly TimeSpan BlockingThreshold = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long an idle loop polls before it sleeps in epoll_wait. Off by default: on 2 shared cores polling raised
    /// one-connection round trips but cost 20-30% more CPU per request at 16-64 connections.
    /// DECLARATIVE_EPOLL_SPIN_US sets it in microseconds.
    /// </summary>
    public static readonly long SpinTicks =
        (int.TryParse(Environment.GetEnvironmentVariable("DECLARATIVE_EPOLL_SPIN_US"), out var us) && us >= 0 ? us : 0) * Stopwatch.Frequency / 1_000_000;

    private static readonly Lazy<EpollLoop[]?> s_loops = new(Create);
    private static int s_next;

    /// <summary>True on Linux (x64 and arm64) where the loops could be created.</summary>
    public static bool IsSupported => s_loops.Value is not null;

    /// <summary>The next loop, round robin, or null where epoll is not available.</summary>
    public static EpollLoop? Next()
    {
        var loops = s_loops.Value;
        return loops is null ? null : loops[(int)((uint)Interlocked.Increment(ref s_next) % (uint)loops.Length)];
    }

    private static EpollLoop[]? Create()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return null;
        }

        try
        {
            var loops = new EpollLoop[LoopCount()];
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = new EpollLoop(i);
            }

            var watchdog = new Thread(() => Watch(loops)) { IsBackground = true, Name = "Declarative epoll watchdog" };
            watchdog.UnsafeStart();
            return loops;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // One loop per two cores: measured on 2 cores shared with the load client, one loop spent 15-20% less CPU per
    // round trip than two (fewer wake-ups), at the same rate. DECLARATIVE_EPOLL_LOOPS overrides it process-wide.
    private static int LoopCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("DECLARATIVE_EPOLL_LOOPS"), out var n) && n > 0 ? n : Math.Max(1, Environment.ProcessorCount / 2);

    private static void Watch(EpollLoop[] loops)
    {
        var limit = (long)(BlockingThreshold.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Thread.Sleep(BlockingThreshold / 4); // a monitor's period, not synchronisation
            var now = Stopwatch.GetTimestamp();
            foreach (var loop in loops)
            {
                loop.ReplaceIfStuck(now, limit);
            }
        }
    }
}
