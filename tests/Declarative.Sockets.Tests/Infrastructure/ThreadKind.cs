using System;
using System.Threading;

namespace Declarative.Sockets.Tests;

/// <summary>Which kind of thread a handler runs on, as test servers report it for the line "thread".</summary>
internal static class ThreadKind
{
    public const string Loop = "loop";
    public const string Pool = "pool";
    public const string Dedicated = "dedicated";

    /// <summary>"loop" on a runtime epoll loop thread, "pool" on the thread pool, "dedicated" on a handler's own thread.</summary>
    public static string Current()
    {
        var thread = Thread.CurrentThread;
        if (thread.IsThreadPoolThread)
        {
            return Pool;
        }

        return thread.Name?.StartsWith("Declarative epoll", StringComparison.Ordinal) == true ? Loop : Dedicated;
    }

    /// <summary>Where an event-driven stream server runs handlers: the epoll loops on Linux, else the pool.</summary>
    public static string EventDrivenStream => OperatingSystem.IsLinux() ? Loop : Pool;
}
