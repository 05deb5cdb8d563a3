using System;
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

    /// <summary>Creates a server with the given options (validated at <c>StartAsync</c>).</summary>
    protected StreamSocketServer(StreamServerOptions options)
        : base(options)
    {
    }

    /// <summary>The run-time settings this server uses.</summary>
    public new StreamServerOptions Options => (StreamServerOptions)base.Options;

    /// <summary>How many connections are open now.</summary>
    public int ConnectionCount => _registry.Count;

    /// <summary>How many peers <c>[VerifyRequest]</c> refused so far.</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    /// <summary>Serves one accepted connection the way the declared concurrency mode does. Generated.</summary>
    protected abstract ValueTask DispatchAsync(Connection connection);

    /// <summary>
    /// <c>[VerifyRequest]</c>: false refuses the peer before a handler exists (the socket is shut down and closed
    /// once; OnConnect and OnDisconnect are not called). Generated when declared.
    /// </summary>
    protected virtual bool VerifyRequest(Connection connection) => true;

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

            _registry.Add(connection);
            connection.Start(Options.PreferEpoll);
            if (Options.Timeout is { } timeout)
            {
                connection.Timeout = timeout;
            }

            return connection;
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
