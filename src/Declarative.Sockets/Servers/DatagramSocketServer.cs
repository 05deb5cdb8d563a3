using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>One received datagram: its bytes (in a pooled buffer, valid until it is finished) and its sender.</summary>
public sealed class Datagram
{
    private byte[]? _buffer;

    internal Datagram(byte[] buffer, int length, EndPoint sender)
    {
        _buffer = buffer;
        Payload = new ReadOnlyMemory<byte>(buffer, 0, length);
        Sender = sender;
    }

    /// <summary>The datagram's bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Who sent it; replies go there.</summary>
    public EndPoint Sender { get; }

    internal void Release()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>
/// The lifecycle every datagram server shares (UDP and Unix datagram): a receive loop over pooled buffers, one
/// request per datagram, replies sent to the sender, drain on shutdown. A datagram longer than
/// <see cref="DatagramServerOptions.MaxPacketSize"/> is dropped and reported, never dispatched.
/// </summary>
public abstract class DatagramSocketServer : SocketServer
{
    private readonly object _inFlightGate = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;

    /// <summary>Creates a server with the given options (validated at <c>StartAsync</c>).</summary>
    protected DatagramSocketServer(DatagramServerOptions options)
        : base(options)
    {
    }

    /// <summary>The run-time settings this server uses.</summary>
    public new DatagramServerOptions Options => (DatagramServerOptions)base.Options;

    /// <summary>How many datagrams are being handled now.</summary>
    public int InFlightCount => Volatile.Read(ref _inFlight);

    /// <summary>Handles one datagram the way the declared concurrency mode does; must end with <see cref="DatagramFinished"/>. Generated.</summary>
    protected abstract void Dispatch(Datagram datagram);

    /// <summary><c>[VerifyRequest]</c>: false drops the datagram before a handler exists. Generated when declared.</summary>
    protected virtual bool VerifyRequest(EndPoint sender) => true;

    /// <summary>Where an error goes when no handler exists to take it (an oversize datagram). Generated code may override.</summary>
    protected virtual void OnDatagramError(Exception error, EndPoint? sender) => ReportUnhandledError(error, null);

    /// <summary>Called last for every dispatched datagram: returns its buffer and counts it done.</summary>
    protected void DatagramFinished(Datagram datagram)
    {
        datagram.Release();
        TaskCompletionSource? drained = null;
        lock (_inFlightGate)
        {
            if (--_inFlight == 0)
            {
                drained = _drained;
                _drained = null;
            }
        }

        drained?.TrySetResult();
    }

    /// <summary>The handler's cancellation token: cancelled when shutdown begins.</summary>
    protected CancellationToken HandlerCancellation => Stopping;

    /// <summary>Sends a non-null string reply (UTF-8, as is) to the sender.</summary>
    protected ValueTask ReplyAsync(Datagram datagram, string? reply) =>
        reply is null ? default : ReplyAsync(datagram, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(reply));

    /// <summary>Sends a non-null byte array reply to the sender.</summary>
    protected ValueTask ReplyAsync(Datagram datagram, byte[]? reply) =>
        reply is null ? default : ReplyAsync(datagram, (ReadOnlyMemory<byte>)reply);

    /// <summary>Sends a string reply once the handler's task completes.</summary>
    protected async ValueTask ReplyAsync(Datagram datagram, Task<string?> reply) =>
        await ReplyAsync(datagram, await reply.ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Sends a string reply once the handler's task completes.</summary>
    protected async ValueTask ReplyAsync(Datagram datagram, ValueTask<string?> reply) =>
        await ReplyAsync(datagram, await reply.ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Sends the bytes to the sender as one datagram.</summary>
    protected async ValueTask ReplyAsync(Datagram datagram, ReadOnlyMemory<byte> reply)
    {
        var socket = Socket ?? throw new InvalidOperationException("The server is not started.");
        await socket.SendToAsync(reply, SocketFlags.None, datagram.Sender).ConfigureAwait(false);
    }

    /// <summary>The blocking reply for Threading handlers.</summary>
    protected void Reply(Datagram datagram, string? reply)
    {
        if (reply is not null)
        {
            Reply(datagram, (ReadOnlySpan<byte>)Encoding.UTF8.GetBytes(reply));
        }
    }

    /// <summary>The blocking reply for Threading handlers.</summary>
    protected void Reply(Datagram datagram, byte[]? reply)
    {
        if (reply is not null)
        {
            Reply(datagram, (ReadOnlySpan<byte>)reply);
        }
    }

    /// <summary>The blocking reply for Threading handlers.</summary>
    protected void Reply(Datagram datagram, ReadOnlyMemory<byte> reply) => Reply(datagram, reply.Span);

    /// <summary>The blocking reply for Threading handlers.</summary>
    protected void Reply(Datagram datagram, ReadOnlySpan<byte> reply)
    {
        var socket = Socket ?? throw new InvalidOperationException("The server is not started.");
        socket.SendTo(reply, SocketFlags.None, datagram.Sender);
    }

    /// <inheritdoc />
    protected override async Task ServeLoopAsync(CancellationToken cancellationToken)
    {
        while (await ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } datagram)
        {
            Dispatch(datagram);
        }
    }

    /// <inheritdoc />
    protected override async Task<bool> HandleOneAsync(CancellationToken cancellationToken)
    {
        var datagram = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (datagram is null)
        {
            return false;
        }

        Dispatch(datagram);
        return true;
    }

    /// <inheritdoc />
    protected override void RequestDrain()
    {
        // Handlers see HandlerCancellation; nothing else to ask.
    }

    /// <inheritdoc />
    protected override async Task<bool> WaitDrainedAsync(TimeSpan timeout)
    {
        Task drained;
        lock (_inFlightGate)
        {
            if (_inFlight == 0)
            {
                return true;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        try
        {
            await drained.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    protected override void AbortInFlight()
    {
        // A datagram handler has no connection to abort; it already saw HandlerCancellation.
    }

    private async ValueTask<Datagram?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var socket = Socket ?? throw new InvalidOperationException("The server is not started.");
        var max = Options.MaxPacketSize;
        var any = socket.LocalEndPoint!; // a template of the right family; the result carries the sender
        while (true)
        {
            // One byte more than allowed: a datagram that fills it was longer than MaxPacketSize (and truncated).
            var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer.AsMemory(0, max + 1), SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return null;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                OnDatagramErrorGuarded(new DatagramTooLargeException(max, null), null);
                continue;
            }
            catch (SocketException ex)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                if (IsShuttingDown || ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
                {
                    return null;
                }

                // For example ECONNREFUSED left over from an earlier reply to a closed port: report, keep serving.
                ReportUnhandledError(ex, null);
                continue;
            }

            if (result.ReceivedBytes > max)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                OnDatagramErrorGuarded(new DatagramTooLargeException(max, result.RemoteEndPoint), result.RemoteEndPoint);
                continue;
            }

            bool accepted;
            try
            {
                accepted = VerifyRequest(result.RemoteEndPoint);
            }
            catch (Exception ex)
            {
                ReportUnhandledError(ex, null);
                accepted = false;
            }

            if (!accepted)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                continue;
            }

            lock (_inFlightGate)
            {
                _inFlight++;
            }

            return new Datagram(buffer, result.ReceivedBytes, result.RemoteEndPoint);
        }
    }

    private void OnDatagramErrorGuarded(Exception error, EndPoint? sender)
    {
        try
        {
            OnDatagramError(error, sender);
        }
        catch (Exception hookError)
        {
            ReportUnhandledError(hookError, null);
        }
    }
}

/// <summary>A UDP server: <see cref="DatagramSocketServer"/> over <see cref="UdpServerOptions"/>.</summary>
public abstract class UdpSocketServer : DatagramSocketServer
{
    /// <summary>Creates a server with the given options (validated at <c>StartAsync</c>).</summary>
    protected UdpSocketServer(UdpServerOptions options)
        : base(options)
    {
    }

    /// <summary>The run-time settings this server uses.</summary>
    public new UdpServerOptions Options => (UdpServerOptions)base.Options;
}

/// <summary>A Unix datagram socket server: <see cref="DatagramSocketServer"/> over <see cref="UnixDatagramServerOptions"/>.</summary>
public abstract class UnixDatagramSocketServer : DatagramSocketServer
{
    /// <summary>Creates a server with the given options (validated at <c>StartAsync</c>).</summary>
    protected UnixDatagramSocketServer(UnixDatagramServerOptions options)
        : base(options)
    {
    }

    /// <summary>The run-time settings this server uses.</summary>
    public new UnixDatagramServerOptions Options => (UnixDatagramServerOptions)base.Options;
}
