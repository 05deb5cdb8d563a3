using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>Hands raw received bytes to a dispatcher, one call per contiguous segment, until the input ends.</summary>
public static class DataLoop
{
    /// <summary>The event-driven loop.</summary>
    public static async ValueTask<DisconnectReason> RunAsync<TDispatcher>(Connection connection, TDispatcher dispatcher)
        where TDispatcher : IDataDispatcher
    {
        var input = connection.Input;
        while (true)
        {
            await connection.WaitReadBudgetAsync().ConfigureAwait(false);
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = Budgeted(connection, result.Buffer);
            foreach (var segment in buffer)
            {
                await dispatcher.OnDataAsync(connection, segment).ConfigureAwait(false);
            }

            var reason = Finish(connection, input, result, buffer);
            await connection.FlushAsync().ConfigureAwait(false);
            if (reason is not null)
            {
                return reason.Value;
            }
        }
    }

    /// <summary>The blocking loop for <c>Threading</c> servers.</summary>
    public static DisconnectReason Run<TDispatcher>(Connection connection, TDispatcher dispatcher)
        where TDispatcher : IDataDispatcher
    {
        var input = connection.Input;
        while (true)
        {
            Blocking.Wait(connection.WaitReadBudgetAsync());
            var result = Blocking.Wait(input.ReadAsync());
            var buffer = Budgeted(connection, result.Buffer);
            foreach (var segment in buffer)
            {
                Blocking.Wait(dispatcher.OnDataAsync(connection, segment));
            }

            var reason = Finish(connection, input, result, buffer);
            Blocking.Wait(connection.FlushAsync());
            if (reason is not null)
            {
                return reason.Value;
            }
        }
    }

    // MaxReadBytesPerSecond: hand on no more than the budget left in this window (the rest stays in the pipe).
    private static ReadOnlySequence<byte> Budgeted(Connection connection, in ReadOnlySequence<byte> buffer)
    {
        var budget = connection.ReadBudget;
        var taken = budget < buffer.Length ? buffer.Slice(0, budget) : buffer;
        connection.CountRead(taken.Length);
        return taken;
    }

    private static DisconnectReason? Finish(Connection connection, PipeReader input, in ReadResult result, in ReadOnlySequence<byte> handled)
    {
        var all = handled.Length == result.Buffer.Length;
        input.AdvanceTo(handled.End, all ? result.Buffer.End : handled.End);
        if (connection.IsClosing || result.IsCanceled || (result.IsCompleted && all))
        {
            return connection.ReasonForEndOfInput();
        }

        return null;
    }
}
