using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Hosting;

/// <summary>
/// The body of a generated <c>RunAsync(args)</c>: parse <c>--host</c>/<c>--port</c> (or <c>--path</c>), bind, print
/// <c>listening on HOST:PORT</c> (or <c>listening on unix:PATH</c>), serve until Ctrl+C or SIGTERM, drain, exit 0.
/// </summary>
public static class ServerRunner
{
    /// <summary>
    /// Runs a server until interrupted. Returns the process exit code: 0 after a graceful stop, 1 when the server
    /// cannot bind, 2 for bad arguments.
    /// </summary>
    public static async Task<int> RunAsync<TOptions>(string[] args, TOptions options, Func<TOptions, SocketServer> create, CancellationToken cancellationToken = default)
        where TOptions : ServerOptions
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(create);
        if (CommandLine.Apply(args, options, out var help) is { } error)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage(options));
            return 2;
        }

        if (help)
        {
            Console.Out.WriteLine(CommandLine.Usage(options));
            return 0;
        }

        await using var server = create(options);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or System.IO.IOException)
        {
            Console.Error.WriteLine($"cannot listen on {options.Describe(null)}: {ex.Message}");
            return 1;
        }

        // Handlers first: a supervisor may signal as soon as it reads the listening line.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        Console.Out.WriteLine($"listening on {options.Describe(server.LocalEndPoint)}");
        Console.Out.Flush();

        await server.ServeForeverAsync(stop.Token).ConfigureAwait(false);
        await server.ShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true; // drain instead of dying
        stop.Cancel();
    }
}
