using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// The lifecycle every generated TCP server shares: bind, accept, track connections, drain on shutdown. The
/// generator derives a nested <c>Server</c> from it and emits how one connection is served in the declared
/// concurrency mode (<see cref="DispatchAsync"/>) and the per-connection processing for the declared body kind.
/// </summary>
public abstract partial class TcpSocketServer : IAsyncDisposable
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(5);

    private readonly ConnectionRegistry _registry = new();
    private readonly CancellationTokenSource _stopAccepting = new();
    private readonly List<Task> _serveLoops = new();
    private readonly object _gate = new();
    private Socket? _listener;
    private EndPoint? _localEndPoint;
    private bool _shuttingDown;

    /// <summary>Creates a server with the given options (validated at <see cref="StartAsync"/>).</summary>
    protected TcpSocketServer(TcpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The run-time settings this server uses.</summary>
    public TcpServerOptions Options { get; }

    /// <summary>The bound address once started; with port 0 it holds the port the system chose.</summary>
    public EndPoint? LocalEndPoint => _localEndPoint;

    /// <summary>How many connections are open now.</summary>
    public int ConnectionCount => _registry.Count;

    /// <summary>True once <see cref="ShutdownAsync"/> or <see cref="DisposeAsync"/> began.</summary>
    public bool IsShuttingDown => Volatile.Read(ref _shuttingDown);

    /// <summary>Binds and listens. Calling it again does nothing; after shutdown it throws.</summary>
    public ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_shuttingDown, this);
            if (_listener is null)
            {
                _listener = TcpListenerFactory.Listen(Options);
                _localEndPoint = _listener.LocalEndPoint;
            }
        }

        return default;
    }

    /// <summary>
    /// Accepts and serves connections until <see cref="ShutdownAsync"/> is called or
    /// <paramref name="cancellationToken"/> fires (which stops accepting; call <see cref="ShutdownAsync"/> to drain).
    /// Starts the server first if needed.
    /// </summary>
    public async Task ServeForeverAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var loop = AcceptLoopAsync(cancellationToken);
        lock (_gate)
        {
            _serveLoops.Add(loop);
        }

        await loop.ConfigureAwait(false);
    }

    /// <summary>
    /// Accepts exactly one connection and dispatches it in the server's concurrency mode (a Sequential server
    /// finishes serving it before returning). Returns false when <paramref name="timeout"/> passes or the server shuts
    /// down before a client connects.
    /// </summary>
    public async Task<bool> HandleRequestAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        using var accepting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopAccepting.Token);
        if (timeout is { } limit)
        {
            accepting.CancelAfter(limit);
        }

        var connection = await AcceptConnectionAsync(accepting.Token).ConfigureAwait(false);
        if (connection is null)
        {
            return false;
        }

        await DispatchAsync(connection).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Stops accepting, asks every connection to finish its in-flight message and close, waits up to
    /// <see cref="TcpServerOptions.DrainTimeout"/>, aborts what is left, and waits for the accept loops to return.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        BeginShutdown();
        if (!await _registry.WaitEmptyAsync(Options.DrainTimeout, cancellationToken).ConfigureAwait(false))
        {
            _registry.AbortAll();
            await _registry.WaitEmptyAsync(AbortGrace, cancellationToken).ConfigureAwait(false);
        }

        Task[] loops;
        lock (_gate)
        {
            loops = _serveLoops.ToArray();
        }

        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>socketserver's <c>server_close</c>: shuts down (draining as <see cref="ShutdownAsync"/> does) and closes the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Serves one accepted connection the way the declared concurrency mode does. Generated.</summary>
    protected abstract ValueTask DispatchAsync(Connection connection);

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        using var accepting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopAccepting.Token);
        while (await AcceptConnectionAsync(accepting.Token).ConfigureAwait(false) is { } connection)
        {
            await DispatchAsync(connection).ConfigureAwait(false);
        }
    }

    private void BeginShutdown()
    {
        Socket? listener;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            listener = _listener;
        }

        _stopAccepting.Cancel();
        listener?.Dispose();
        _registry.RequestShutdown();
    }

    private async ValueTask<Connection?> AcceptConnectionAsync(CancellationToken cancellationToken)
    {
        var listener = _listener ?? throw new InvalidOperationException("The server is not started.");
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return null;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue; // the peer gave up while queued: not the server's problem
            }
            catch (SocketException ex)
            {
                if (IsShuttingDown || ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
                {
                    return null;
                }

                // Out of descriptors or memory: report, back off briefly, keep serving.
                ReportUnhandledError(ex, null);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                continue;
            }

            if (Options.NoDelay)
            {
                socket.NoDelay = true;
            }

            var connection = new Connection(socket);
            _registry.Add(connection);
            connection.Start(Options.PreferEpoll);
            return connection;
        }
    }
}
