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
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            foreach (var segment in buffer)
            {
                await dispatcher.OnDataAsync(connection, segment).ConfigureAwait(false);
            }

            var reason = Finish(connection, input, result);
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
            var result = Blocking.Wait(input.ReadAsync());
            foreach (var segment in result.Buffer)
            {
                Blocking.Wait(dispatcher.OnDataAsync(connection, segment));
            }

            var reason = Finish(connection, input, result);
            Blocking.Wait(connection.FlushAsync());
            if (reason is not null)
            {
                return reason.Value;
            }
        }
    }

    private static DisconnectReason? Finish(Connection connection, PipeReader input, in ReadResult result)
    {
        input.AdvanceTo(result.Buffer.End);
        return connection.IsClosing || result.IsCompleted || result.IsCanceled ? connection.ReasonForEndOfInput() : null;
    }
}
