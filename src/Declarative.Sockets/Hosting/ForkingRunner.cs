using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Hosting;

/// <summary>
/// The body of a generated <c>RunAsync(args)</c> for <c>Forking = true</c>, socketserver's ForkingMixIn without
/// fork(): a supervisor process starts <c>MaxChildren</c> worker processes of the same program; each worker binds the
/// endpoint with SO_REUSEPORT and runs the ordinary event-driven server, so the kernel spreads connections (TCP) or
/// datagrams (UDP) among them. A worker that exits is replaced; SIGTERM or Ctrl+C to the supervisor stops every
/// worker; a worker whose supervisor died (its standard input reaches end of file) stops by itself.
/// </summary>
/// <remarks>
/// The process is a worker when the environment variable <see cref="WorkerVariable"/> is set (the supervisor sets it
/// for its children), otherwise the supervisor. Linux only (SO_REUSEPORT load balancing).
/// </remarks>
public static class ForkingRunner
{
    /// <summary>Set (to any non-empty value) in the environment of a worker process.</summary>
    public const string WorkerVariable = "DECLARATIVE_FORKING_WORKER";

    /// <summary>True when this process runs as a forking worker.</summary>
    public static bool IsWorker => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WorkerVariable));

    /// <summary>The number of workers for a declared <c>MaxChildren</c>: the value itself, or <see cref="Environment.ProcessorCount"/> when it is 0 or less.</summary>
    public static int ResolveMaxChildren(int maxChildren) => maxChildren > 0 ? maxChildren : Environment.ProcessorCount;

    /// <summary>
    /// Runs the supervisor, or the worker when <see cref="WorkerVariable"/> is set. Returns the process exit code:
    /// 0 after a graceful stop, 1 when the workers cannot listen, 2 for bad arguments.
    /// </summary>
    /// <param name="args">The command line: <c>--host</c>, <c>--port</c>, <c>--help</c>.</param>
    /// <param name="options">TCP or UDP options (the attribute's defaults).</param>
    /// <param name="create">Creates the server a worker runs.</param>
    /// <param name="maxChildren">How many workers; 0 for <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Stops the supervisor (and its workers) or the worker like SIGTERM.</param>
    public static Task<int> RunAsync<TOptions>(string[] args, TOptions options, Func<TOptions, SocketServer> create, int maxChildren, CancellationToken cancellationToken = default)
        where TOptions : ServerOptions
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(create);
        if (options is not (TcpServerOptions or UdpServerOptions))
        {
            throw new ArgumentException("Forking serves TCP and UDP servers only: Unix sockets have no SO_REUSEPORT load balancing.", nameof(options));
        }

        return IsWorker
            ? RunWorkerAsync(args, options, create, cancellationToken)
            : new ForkingSupervisor(args, options, ResolveMaxChildren(maxChildren)).RunAsync(cancellationToken);
    }

    private static async Task<int> RunWorkerAsync<TOptions>(string[] args, TOptions options, Func<TOptions, SocketServer> create, CancellationToken cancellationToken)
        where TOptions : ServerOptions
    {
        switch (options)
        {
            case TcpServerOptions tcp:
                tcp.ReuseAddress = true;
                tcp.ReusePort = true;
                break;
            case UdpServerOptions udp:
                // SO_REUSEPORT only: SO_REUSEADDR on UDP would let a socket outside the group share the port too.
                udp.ReusePort = true;
                break;
        }

        using var orphaned = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        WatchStandardInput(orphaned);
        try
        {
            return await ServerRunner.RunAsync(args, options, create, orphaned.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (orphaned.IsCancellationRequested)
        {
            return 0; // the supervisor went away while this worker was starting
        }
    }

    /// <summary>
    /// The supervisor holds the write end of the worker's standard input and never writes: end of file means it
    /// died (even by SIGKILL), and the worker drains and exits instead of living on as an orphan.
    /// </summary>
    private static void WatchStandardInput(CancellationTokenSource orphaned)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }
            catch (IOException)
            {
                // a broken pipe means the same as end of file
            }

            try
            {
                orphaned.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the worker finished first
            }
        })
        {
            IsBackground = true,
            Name = "forking stdin watch",
        };
        thread.Start();
    }
}
