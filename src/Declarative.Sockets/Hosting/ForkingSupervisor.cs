using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Hosting;

/// <summary>
/// The supervisor of a forking server: resolves the port, keeps <c>MaxChildren</c> worker processes running, prints
/// one <c>listening on HOST:PORT</c> once all of them listen, and stops them all on SIGTERM/SIGINT.
/// </summary>
internal sealed partial class ForkingSupervisor
{
    /// <summary>How long the first workers may take to print their listening lines.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A slot starts at most one worker per this interval, so a worker that dies at once cannot make the supervisor spin.</summary>
    private static readonly TimeSpan MinRestartInterval = TimeSpan.FromSeconds(1);

    /// <summary>Added to the drain timeout before workers that ignore SIGTERM are killed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private const int Sigterm = 15;
    private const string ListeningPrefix = "listening on ";

    private readonly string[] _args;
    private readonly ServerOptions _options;
    private readonly int _maxChildren;
    private readonly object _gate = new();
    private readonly List<Process> _live = new();
    private volatile bool _stopping;

    public ForkingSupervisor(string[] args, ServerOptions options, int maxChildren)
    {
        _args = args;
        _options = options;
        _maxChildren = maxChildren;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (CommandLine.Apply(_args, _options, out var help) is { } error)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage(_options));
            return 2;
        }

        if (help)
        {
            Console.Out.WriteLine(CommandLine.Usage(_options));
            return 0;
        }

        var (host, port, datagram) = _options is IIpServerOptions ip
            ? (ip.Host, ip.Port, _options is UdpServerOptions)
            : throw new InvalidOperationException("Forking serves TCP and UDP servers only.");

        Socket? probe = null;
        string[] workerArgs;
        string fileName;
        string[] prefix;
        try
        {
            _options.Validate();
            if (port == 0)
            {
                probe = Probe(host, datagram);
                port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }

            workerArgs = WorkerArguments(_args, port);
            (fileName, prefix) = WorkerCommand();
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            probe?.Dispose();
            Console.Error.WriteLine($"cannot listen on {_options.Describe(null)}: {ex.Message}");
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        try
        {
            var slots = new Task[_maxChildren];
            var listening = new Task<string>[_maxChildren];
            for (var i = 0; i < _maxChildren; i++)
            {
                var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                listening[i] = first.Task;
                slots[i] = RunSlotAsync(fileName, prefix, workerArgs, first, stop.Token);
            }

            string endPoint;
            try
            {
                await Task.WhenAll(listening).WaitAsync(StartTimeout, stop.Token).ConfigureAwait(false);
                endPoint = await listening[0].ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                await StopWorkersAsync(slots).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                Console.Error.WriteLine($"cannot listen on {_options.Describe(null)}: {ex.Message}");
                await StopWorkersAsync(slots).ConfigureAwait(false);
                return 1;
            }

            if (datagram)
            {
                // A bound UDP socket in the SO_REUSEPORT group would take its share of datagrams: now that the
                // workers hold the port, the UDP probe goes (a TCP probe never listens, so it stays and keeps the
                // port reserved even while every worker is being replaced).
                probe?.Dispose();
                probe = null;
            }

            Console.Out.WriteLine($"{ListeningPrefix}{endPoint}");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM, SIGINT or the caller's token
            }

            await StopWorkersAsync(slots).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            probe?.Dispose();
        }
    }

    /// <summary>Keeps one worker running in this slot until the supervisor stops.</summary>
    private async Task RunSlotAsync(string fileName, string[] prefix, string[] workerArgs, TaskCompletionSource<string> firstListening, CancellationToken stop)
    {
        while (true)
        {
            var startedAt = Stopwatch.GetTimestamp();
            Process? worker = null;
            Task<string>? listening = null;
            lock (_gate)
            {
                if (_stopping)
                {
                    firstListening.TrySetCanceled(stop);
                    return;
                }

                try
                {
                    (worker, listening) = StartWorker(fileName, prefix, workerArgs);
                    _live.Add(worker);
                }
                catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
                {
                    Console.Error.WriteLine($"forking: cannot start a worker: {ex.Message}");
                    firstListening.TrySetException(ex);
                }
            }

            if (worker is not null && listening is not null)
            {
                var id = worker.Id;
                Console.Error.WriteLine($"forking: worker {id} started");
                _ = listening.ContinueWith(
                    static (t, state) =>
                    {
                        if (t.IsCompletedSuccessfully)
                        {
                            ((TaskCompletionSource<string>)state!).TrySetResult(t.Result);
                        }
                    },
                    firstListening,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);

                await worker.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                var exitCode = worker.ExitCode;
                lock (_gate)
                {
                    _live.Remove(worker);
                }

                worker.Dispose();
                firstListening.TrySetException(new IOException($"worker {id} exited with code {exitCode} before listening"));
                if (_stopping)
                {
                    return;
                }

                Console.Error.WriteLine($"forking: worker {id} exited with code {exitCode}; starting a replacement");
            }

            var elapsed = Stopwatch.GetElapsedTime(startedAt);
            if (elapsed < MinRestartInterval)
            {
                try
                {
                    await Task.Delay(MinRestartInterval - elapsed, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    firstListening.TrySetCanceled(stop);
                    return;
                }
            }
        }
    }

    private static (Process Worker, Task<string> Listening) StartWorker(string fileName, string[] prefix, string[] workerArgs)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true, // never written: its end of file tells the worker the supervisor is gone
            RedirectStandardOutput = true, // read for the listening line; other lines are passed on
        };
        foreach (var arg in prefix)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var arg in workerArgs)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment[ForkingRunner.WorkerVariable] = "1";
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new IOException("a worker closed its output before listening"));
            }
            else if (e.Data.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                listening.TrySetResult(e.Data[ListeningPrefix.Length..]);
            }
            else
            {
                Console.Out.WriteLine(e.Data);
            }
        };
        try
        {
            process.Start();
            process.BeginOutputReadLine();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return (process, listening.Task);
    }

    /// <summary>SIGTERM to every worker (each drains), then SIGKILL to those still running after the deadline.</summary>
    private async Task StopWorkersAsync(Task[] slots)
    {
        Process[] live;
        lock (_gate)
        {
            _stopping = true;
            live = _live.ToArray();
        }

        foreach (var worker in live)
        {
            try
            {
                _ = kill(worker.Id, Sigterm); // ESRCH when it already exited: nothing to do
            }
            catch (InvalidOperationException)
            {
                // disposed by its slot meanwhile
            }
        }

        var all = Task.WhenAll(slots);
        var deadline = _options.DrainTimeout + StopGrace;
        try
        {
            await all.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                live = _live.ToArray();
            }

            Console.Error.WriteLine($"forking: {live.Length} worker(s) still running {deadline.TotalSeconds:0.#} s after SIGTERM; killing them");
            foreach (var worker in live)
            {
                try
                {
                    worker.Kill(entireProcessTree: true);
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // already gone
                }
            }

            try
            {
                await all.WaitAsync(StopGrace).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine("forking: workers did not exit after SIGKILL");
            }
        }
    }

    /// <summary>Binds (never listens on) a socket with SO_REUSEADDR and SO_REUSEPORT on port 0 to choose the port all workers share.</summary>
    private static Socket Probe(string host, bool datagram)
    {
        // UDP gets SO_REUSEPORT only: SO_REUSEADDR would let a socket outside the group share the port.
        return Listeners.Bind(Listeners.Resolve(host, 0), datagram, reuseAddress: !datagram, reusePort: true);
    }

    /// <summary>The supervisor's arguments with every <c>--port</c> replaced by the resolved port.</summary>
    internal static string[] WorkerArguments(string[] args, int port)
    {
        var result = new List<string>(args.Length + 2);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port")
            {
                i++; // and its value
            }
            else if (!args[i].StartsWith("--port=", StringComparison.Ordinal))
            {
                result.Add(args[i]);
            }
        }

        result.Add("--port");
        result.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result.ToArray();
    }

    /// <summary>
    /// How to start this same program again: its executable, plus the managed entry assembly when the executable is
    /// the <c>dotnet</c> host (<c>dotnet App.dll</c>).
    /// </summary>
    internal static (string FileName, string[] Prefix) WorkerCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown, so no worker can be started");
        if (!Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return (processPath, []);
        }

        var commandLine = Environment.GetCommandLineArgs();
        var entry = commandLine.Length > 0 && commandLine[0].EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? commandLine[0]
            : Path.Combine(AppContext.BaseDirectory, AppDomain.CurrentDomain.FriendlyName + ".dll");
        return (processPath, [Path.GetFullPath(entry)]);
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true; // stop the workers first, then exit 0
        stop.Cancel();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
