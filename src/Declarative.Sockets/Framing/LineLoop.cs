using System.IO.Pipelines;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// Reads lines from a connection and hands each to a dispatcher until the peer closes, the connection is asked to
/// close, or a line exceeds its limit. Replies written during a batch of buffered lines go out in one flush.
/// </summary>
public static class LineLoop
{
    /// <summary>The event-driven loop: awaits input, so it holds no thread while idle.</summary>
    public static async ValueTask<DisconnectReason> RunAsync<TDispatcher>(Connection connection, TDispatcher dispatcher, int maxLength)
        where TDispatcher : ILineDispatcher
    {
        var input = connection.Input;
        while (true)
        {
            await connection.WaitReadBudgetAsync().ConfigureAwait(false);
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            LineStatus status;
            while ((status = LineFramer.TryReadLine(ref buffer, maxLength, out var line)) == LineStatus.Line)
            {
                await dispatcher.OnLineAsync(connection, connection.Linearize(line)).ConfigureAwait(false);
                if (connection.IsClosing)
                {
                    break;
                }
            }

            var reason = Finish(connection, input, result, buffer, status);
            await connection.FlushAsync().ConfigureAwait(false);
            if (reason is not null)
            {
                return reason.Value;
            }
        }
    }

    /// <summary>The blocking loop for <c>Threading</c> servers: the handler runs on the calling thread.</summary>
    public static DisconnectReason Run<TDispatcher>(Connection connection, TDispatcher dispatcher, int maxLength)
        where TDispatcher : ILineDispatcher
    {
        var input = connection.Input;
        while (true)
        {
            Blocking.Wait(connection.WaitReadBudgetAsync());
            var result = Blocking.Wait(input.ReadAsync());
            var buffer = result.Buffer;
            LineStatus status;
            while ((status = LineFramer.TryReadLine(ref buffer, maxLength, out var line)) == LineStatus.Line)
            {
                Blocking.Wait(dispatcher.OnLineAsync(connection, connection.Linearize(line)));
                if (connection.IsClosing)
                {
                    break;
                }
            }

            var reason = Finish(connection, input, result, buffer, status);
            Blocking.Wait(connection.FlushAsync());
            if (reason is not null)
            {
                return reason.Value;
            }
        }
    }

    private static DisconnectReason? Finish(Connection connection, PipeReader input, in ReadResult result, in System.Buffers.ReadOnlySequence<byte> rest, LineStatus status) =>
        LoopEnd.Finish(connection, input, result, rest, status == LineStatus.TooLong ? DisconnectReason.MessageTooLong : null);
}
