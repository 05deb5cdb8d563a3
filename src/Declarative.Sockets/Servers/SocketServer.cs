using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// socketserver's BaseServer: the lifecycle every generated server shares, whatever its kind. Bind
/// (<see cref="StartAsync"/>), serve (<see cref="ServeForeverAsync"/>, <see cref="HandleRequestAsync"/>), stop
/// (<see cref="ShutdownAsync"/>, callable from any thread and from inside a handler) and close
/// (<see cref="DisposeAsync"/>, server_close). Stream and datagram kinds derive from it.
/// </summary>
public abstract partial class SocketServer : IAsyncDisposable
{
    private static readonly AsyncLocal<SocketServer?> s_currentHandlerServer = new();

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _serveLoops = new();
    private readonly object _gate = new();
    private readonly HandlerThreads _threads = new();
    private Socket? _socket;
    private EndPoint? _localEndPoint;
    private bool _shuttingDown;
    private bool _closed;
    private Task? _shutdown;

    /// <summary>Creates a server with the given options (validated at <see cref="StartAsync"/>).</summary>
    protected SocketServer(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The run-time settings this server uses.</summary>
    public ServerOptions Options { get; }

    /// <summary>The bound address once started; with port 0 it holds the port the system chose.</summary>
    public EndPoint? LocalEndPoint => _localEndPoint;

    /// <summary>True once <see cref="ShutdownAsync"/> or <see cref="DisposeAsync"/> began.</summary>
    public bool IsShuttingDown => Volatile.Read(ref _shuttingDown);

    /// <summary>How many handler threads (Threading mode) are running now; finished ones are not kept.</summary>
    public int HandlerThreadCount => _threads.Count;

    /// <summary>The bound socket once started.</summary>
    protected Socket? Socket => _socket;

    /// <summary>Cancelled when shutdown begins.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    /// <summary>How often <see cref="ServiceActions"/> runs while serving; null (the default) for never. Generated.</summary>
    protected virtual TimeSpan? ServiceActionsInterval => null;

    /// <summary>Binds (and listens). Calling it again does nothing; after shutdown it throws.</summary>
    public ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_shuttingDown, this);
            if (_socket is null)
            {
                Options.Validate();
                _socket = Options.CreateSocket();
                _localEndPoint = _socket.LocalEndPoint;
            }
        }

        return default;
    }

    /// <summary>
    /// Serves until <see cref="ShutdownAsync"/> is called or <paramref name="cancellationToken"/> fires (which stops
    /// accepting; call <see cref="ShutdownAsync"/> to drain). Runs <c>[ServiceActions]</c> periodically meanwhile.
    /// Starts the server first if needed; with a token cancelled already it returns without serving.
    /// </summary>
    public async Task ServeForeverAsync(CancellationToken cancellationToken = default)
    {
        // Not StartAsync(cancellationToken): a token already cancelled (say SIGTERM right after the listening line)
        // means "serve nothing and return", not an exception.
        await StartAsync(CancellationToken.None).ConfigureAwait(false);
        using var serving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var loop = ServeLoopAsync(serving.Token);
        lock (_gate)
        {
            _serveLoops.Add(loop);
        }

        if (ServiceActionsInterval is { } interval)
        {
            await RunServiceActionsAsync(loop, interval).ConfigureAwait(false);
        }

        await loop.ConfigureAwait(false);
    }

    /// <summary>
    /// Handles exactly one request (a connection, or a datagram) in the server's concurrency mode. Returns false when
    /// <paramref name="timeout"/> passes first (then <c>[OnTimeout]</c> runs, socketserver's <c>handle_timeout</c>) or
    /// the server shuts down.
    /// </summary>
    public async Task<bool> HandleRequestAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        if (timeout is { } limit)
        {
            waiting.CancelAfter(limit);
        }

        if (await HandleOneAsync(waiting.Token).ConfigureAwait(false))
        {
            return true;
        }

        if (timeout is not null && !cancellationToken.IsCancellationRequested && !IsShuttingDown)
        {
            try
            {
                OnTimeout();
            }
            catch (Exception ex)
            {
                ReportUnhandledError(ex, null);
            }
        }

        return false;
    }

    /// <summary>
    /// Stops accepting, lets in-flight requests finish (up to <see cref="ServerOptions.DrainTimeout"/>, then aborts
    /// them) and waits for <see cref="ServeForeverAsync"/> to return. Safe from any thread. Called from inside one of
    /// this server's handlers it does not wait for that handler's own request (which cannot end while it waits):
    /// it starts the shutdown and returns at once.
    /// </summary>
    public Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        Task shutdown;
        lock (_gate)
        {
            _shutdown ??= Task.Run(ShutdownCoreAsync, CancellationToken.None);
            shutdown = _shutdown;
        }

        if (ReferenceEquals(s_currentHandlerServer.Value, this))
        {
            return Task.CompletedTask;
        }

        return shutdown.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// socketserver's <c>server_close</c>: shuts down (draining as <see cref="ShutdownAsync"/> does), closes the
    /// socket, removes a Unix socket file, and with <see cref="ServerOptions.BlockOnClose"/> waits for handler threads.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        bool close;
        lock (_gate)
        {
            close = !_closed;
            _closed = true;
        }

        if (close)
        {
            _socket?.Dispose();
            if (_socket is not null)
            {
                Options.Cleanup();
            }
        }

        if (Options.BlockOnClose && !ReferenceEquals(s_currentHandlerServer.Value, this))
        {
            await _threads.WaitAllAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Accepts or receives and dispatches requests until <paramref name="cancellationToken"/> fires.</summary>
    protected abstract Task ServeLoopAsync(CancellationToken cancellationToken);

    /// <summary>Waits for one request and dispatches it; false when <paramref name="cancellationToken"/> fired first.</summary>
    protected abstract Task<bool> HandleOneAsync(CancellationToken cancellationToken);

    /// <summary>Asks in-flight requests to finish (shutdown began).</summary>
    protected abstract void RequestDrain();

    /// <summary>Completes with true once no request is in flight, or false when <paramref name="timeout"/> passes first.</summary>
    protected abstract Task<bool> WaitDrainedAsync(TimeSpan timeout);

    /// <summary>Aborts whatever is still in flight after the drain timeout.</summary>
    protected abstract void AbortInFlight();

    /// <summary><c>[OnTimeout]</c>: <see cref="HandleRequestAsync"/> timed out. Generated when declared.</summary>
    protected virtual void OnTimeout()
    {
    }

    /// <summary><c>[ServiceActions]</c>: runs every <see cref="ServiceActionsInterval"/> while serving. Generated when declared.</summary>
    protected virtual void ServiceActions()
    {
    }

    private async Task ShutdownCoreAsync()
    {
        Socket? socket;
        lock (_gate)
        {
            _shuttingDown = true;
            socket = _socket;
        }

        _stopping.Cancel();
        if (socket is not null && socket.SocketType == SocketType.Stream)
        {
            socket.Dispose(); // a listener: stop accepting now (a datagram socket stays open for replies until close)
        }

        RequestDrain();
        if (!await WaitDrainedAsync(Options.DrainTimeout).ConfigureAwait(false))
        {
            AbortInFlight();
            await WaitDrainedAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        Task[] loops;
        lock (_gate)
        {
            loops = _serveLoops.ToArray();
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task RunServiceActionsAsync(Task serving, TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        var tick = timer.WaitForNextTickAsync().AsTask();
        while (await Task.WhenAny(tick, serving).ConfigureAwait(false) == tick && await tick.ConfigureAwait(false))
        {
            try
            {
                ServiceActions();
            }
            catch (Exception ex)
            {
                ReportUnhandledError(ex, null);
            }

            tick = timer.WaitForNextTickAsync().AsTask();
        }
    }
}
