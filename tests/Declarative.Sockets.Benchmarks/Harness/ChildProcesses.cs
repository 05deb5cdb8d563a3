using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>Every process the harness started, so all of them die with it (normal end, error, Ctrl+C, SIGTERM).</summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Children = new();
    private static int _hooked;

    public static void Track(Process process)
    {
        if (System.Threading.Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            Console.CancelKeyPress += (_, _) => KillAll();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        }

        Children[process.Id] = process;
    }

    public static void Kill(Process process)
    {
        Children.TryRemove(process.Id, out _);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    public static void KillAll()
    {
        foreach (Process process in Children.Values)
        {
            Kill(process);
        }
    }
}
