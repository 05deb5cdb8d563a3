using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>
/// Every process the harness started, so all of them die with it (normal end, error, Ctrl+C, SIGTERM). Our own
/// servers and the Python peers also exit by themselves when their standard input closes; redis-server does not, so
/// it needs these hooks (nothing helps against SIGKILL of the harness).
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Children = new();
    private static PosixSignalRegistration[]? _signals;
    private static int _hooked;

    public static void Track(Process process)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            _signals = new[]
            {
                PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillAll()),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll()),
                PosixSignalRegistration.Create(PosixSignal.SIGQUIT, _ => KillAll()),
                PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => KillAll()),
            };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        }

        Children[process.Id] = process;
    }

    /// <summary>Kills one child and waits briefly for it.</summary>
    public static void Kill(Process process)
    {
        Children.TryRemove(process.Id, out _);
        if (SendKill(process))
        {
            try
            {
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    /// <summary>Kills every child still running, without waiting (safe from signal handlers).</summary>
    public static void KillAll()
    {
        foreach (Process process in Children.Values)
        {
            SendKill(process);
        }

        Children.Clear();
    }

    private static bool SendKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                return true;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
        }

        return false;
    }
}
