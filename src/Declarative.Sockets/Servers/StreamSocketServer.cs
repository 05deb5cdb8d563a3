using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// The lifecycle every connection-oriented server shares (TCP and Unix stream): accept, verify, track connections,
/// drain on shutdown. The generator derives a nested <c>Server</c> from a kind-specific subclass and emits how one
/// connection is served in the declared concurrency mode (<see cref="DispatchAsync"/>) and the per-connection
/// processing for the declared body kind.
/// </summary>
public abstract partial class StreamSocketServer : SocketServer
{
    private readonly ConnectionRegistry _registry = new();
    private long _refused;
    private int _heartbeatStarted;

    /// <summary>Creates a server with the given options (validated at <c>StartAsync</c>).</summary>
    protected StreamSocketServer(StreamServerOptions options)
        : base(options)
    {
    }

    /// <summary>The run-time settings this server uses.</summary>
    public new StreamServerOptions Options => (StreamServerOptions)base.Options;

    /// <summary>How many connections are open now.</summary>
    public int ConnectionCount => _registry.Count;

    /// <summary>A snapshot of the open connections.</summary>
    public IReadOnlyCollection<Connection> Connections => _registry.Snapshot();

    /// <summary>
    /// Writes <paramref name="line"/> (UTF-8 plus <c>\n</c>) to every open connection <paramref name="filter"/> accepts
    /// and flushes it; see <see cref="BroadcastAsync"/>.
    /// </summary>
    public Task BroadcastLineAsync(string line, Func<Connection, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(line) + 1];
        System.Text.Encoding.UTF8.GetBytes(line, bytes);
        bytes[^1] = (byte)'\n';
        return BroadcastAsync(bytes, filter);
    }

    /// <summary>
    /// Writes <paramref name="data"/> to every open connection <paramref name="filter"/> accepts and flushes it.
    /// Closing connections are skipped; each connection is written concurrently and its errors are swallowed, so a
    /// slow or dead peer delays only its own delivery. Completes when every write has been flushed or has failed.
    /// Broadcasts to one connection are serialised with each other, not with that connection's own handler writes:
    /// call it from code that does not race the target's handler writing (for example from another connection's handler).
    /// </summary>
    public Task BroadcastAsync(ReadOnlyMemory<byte> data, Func<Connection, bool>? filter = null)
    {
        var targets = _registry.Snapshot();
        var sends = new List<Task>(targets.Length);
        foreach (var connection in targets)
        {
            if (connection.IsClosing)
            {
                continue;
            }

            bool include;
            try
            {
                include = filter?.Invoke(connection) ?? true;
            }
            catch (Exception ex)
            {
                ReportUnhandledError(ex, connection);
                continue;
            }

            if (include)
            {
                sends.Add(connection.BroadcastAsync(data));
            }
        }

        return Task.WhenAll(sends);
    }

    /// <summary>How many peers <c>[VerifyRequest]</c>, <c>MaxConnections</c> (Refuse) or <c>MaxConnectionsPerPeer</c> refused so far.</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    /// <summary>Serves one accepted connection the way the declared concurrency mode does. Generated.</summary>
    protected abstract ValueTask DispatchAsync(Connection connection);

    /// <summary>
    /// <c>[VerifyRequest]</c>: false refuses the peer before a handler exists (the socket is shut down and closed
    /// once; OnConnect and OnDisconnect are not called). Generated when declared.
    /// </summary>
    protected virtual bool VerifyRequest(Connection connection) => true;

    /// <summary>
    /// <c>[OnIdle]</c>: the connection received nothing for <c>IdleTimeout</c>. True keeps it open for another period;
    /// false closes it gracefully with <see cref="DisconnectReason.IdleTimeout"/>. Runs on the heartbeat, concurrently
    /// with the connection's handler. Generated when declared; the default closes.
    /// </summary>
    protected virtual ValueTask<bool> OnIdleAsync(Connection connection) => new(false);

    /// <summary>Records the handler instance serving <paramref name="connection"/> (read back by <c>[OnIdle]</c>).</summary>
    protected static void AttachHandler(Connection connection, object handler) => connection.Handler = handler;

    /// <summary>The handler instance attached to <paramref name="connection"/>; false before it exists.</summary>
    protected static bool TryGetHandler<T>(Connection connection, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T handler)
    {
        if (connection.Handler is T attached)
        {
            handler = attached;
            return true;
        }

        handler = default;
        return false;
    }

    /// <summary>The close reason after a <c>[Handle]</c> method returned.</summary>
    protected static DisconnectReason ReasonAfterHandlerReturned(Connection connection) => connection.ReasonForHandlerReturn();

    /// <summary>The close reason when a handler stopped because the connection was closing (for example it observed <see cref="Connection.Closing"/>).</summary>
    protected static DisconnectReason ReasonAfterClosing(Connection connection) => connection.ReasonForEndOfInput();

    /// <summary>Called last for every connection, after its socket closed and OnDisconnect ran.</summary>
    protected void ConnectionFinished(Connection connection) => _registry.Remove(connection);

    /// <inheritdoc />
    protected override async Task ServeLoopAsync(CancellationToken cancellationToken)
    {
        while (await AcceptConnectionAsync(cancellationToken).ConfigureAwait(false) is { } connection)
        {
            await DispatchAsync(connection).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task<bool> HandleOneAsync(CancellationToken cancellationToken)
    {
        var connection = await AcceptConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return false;
        }

        await DispatchAsync(connection).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    protected override void RequestDrain() => _registry.RequestShutdown();

    /// <inheritdoc />
    protected override Task<bool> WaitDrainedAsync(TimeSpan timeout) => _registry.WaitEmptyAsync(timeout, CancellationToken.None);

    /// <inheritdoc />
    protected override void AbortInFlight() => _registry.AbortAll();

    private async ValueTask<Connection?> AcceptConnectionAsync(CancellationToken cancellationToken)
    {
        var listener = Socket ?? throw new InvalidOperationException("The server is not started.");
        StartHeartbeat();
        while (true)
        {
            Socket socket;
            try
            {
                if (Options.MaxConnections > 0 && Options.OverLimit == OverLimit.Queue)
                {
                    // Stop accepting while full: the kernel's listen backlog holds the waiting peers.
                    await _registry.WaitBelowAsync(Options.MaxConnections, cancellationToken).ConfigureAwait(false);
                }

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

            Connection connection;
            bool accepted;
            try
            {
                Options.ConfigureAccepted(socket);
                connection = new Connection(socket);
                accepted = VerifyRequest(connection);
            }
            catch (Exception ex)
            {
                ReportUnhandledError(ex, null);
                socket.Dispose();
                continue;
            }

            if (!accepted)
            {
                Interlocked.Increment(ref _refused);
                connection.Refuse();
                continue;
            }

            if (!_registry.TryAdd(connection, Options.MaxConnections, Options.MaxConnectionsPerPeer))
            {
                Interlocked.Increment(ref _refused);
                connection.Refuse();
                continue;
            }

            connection.MaxReadBytesPerSecond = Options.MaxReadBytesPerSecond;
            connection.Start(Options.PreferEpoll);
            if (Options.Timeout is { } timeout)
            {
                connection.Timeout = timeout;
            }

            return connection;
        }
    }
}

// The one heartbeat per server: a single PeriodicTimer scans the registry for idle connections and opens the next
// read-rate window. No connection owns a timer.
public abstract partial class StreamSocketServer
{
    private static readonly TimeSpan ThrottlePeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReadWindow = TimeSpan.FromSeconds(1);

    /// <summary>The heartbeat period for the given options, or null when nothing needs one.</summary>
    internal static TimeSpan? HeartbeatPeriod(StreamServerOptions options)
    {
        TimeSpan? period = null;
        if (options.IdleTimeout is { } idle)
        {
            period = TimeSpan.FromTicks(Math.Clamp(idle.Ticks / 4, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerSecond));
        }

        if (options.MaxReadBytesPerSecond > 0)
        {
            period = period is { } p && p < ThrottlePeriod ? p : ThrottlePeriod;
        }

        return period;
    }

    private void StartHeartbeat()
    {
        if (HeartbeatPeriod(Options) is { } period && Interlocked.Exchange(ref _heartbeatStarted, 1) == 0)
        {
            _ = HeartbeatAsync(period, Stopping);
        }
    }

    private async Task HeartbeatAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        var windowStart = Environment.TickCount64;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                var newWindow = now - windowStart >= (long)ReadWindow.TotalMilliseconds;
                if (newWindow)
                {
                    windowStart = now;
                }

                var idleLimit = Options.IdleTimeout is { } idle ? (long)idle.TotalMilliseconds : 0;
                foreach (var connection in _registry.Snapshot())
                {
                    if (newWindow && connection.MaxReadBytesPerSecond > 0)
                    {
                        connection.OpenReadWindow();
                    }

                    if (idleLimit > 0 && !connection.IsClosing && connection.IdleMilliseconds(now) >= idleLimit && connection.TryBeginIdleCheck())
                    {
                        _ = CheckIdleAsync(connection);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server stopped.
        }
    }

    private async Task CheckIdleAsync(Connection connection)
    {
        var keepOpen = false;
        try
        {
            keepOpen = await OnIdleAsync(connection).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReportUnhandledError(ex, connection);
        }

        connection.EndIdleCheck(keepOpen);
        if (!keepOpen)
        {
            connection.CloseIdle();
        }
    }
}

/// <summary>A TCP server: <see cref="StreamSocketServer"/> over <see cref="TcpServerOptions"/>.</summary>
public abstract class TcpSocketServer : StreamSocketServer
{
    /// <summary>Creates a server with the given options (validated at <c>StartAsync</c>).</summary>
    protected TcpSocketServer(TcpServerOptions options)
        : base(options)
    {
    }

    /// <summary>The run-time settings this server uses.</summary>
    public new TcpServerOptions Options => (TcpServerOptions)base.Options;
}

/// <summary>A Unix stream socket server: <see cref="StreamSocketServer"/> over <see cref="UnixStreamServerOptions"/>.</summary>
public abstract class UnixStreamSocketServer : StreamSocketServer
{
    /// <summary>Creates a server with the given options (validated at <c>StartAsync</c>).</summary>
    protected UnixStreamSocketServer(UnixStreamServerOptions options)
        : base(options)
    {
    }

    /// <summary>The run-time settings this server uses.</summary>
    public new UnixStreamServerOptions Options => (UnixStreamServerOptions)base.Options;
}
