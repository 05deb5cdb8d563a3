using System;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

// Helpers the generated per-connection code calls.
public abstract partial class TcpSocketServer
{
    /// <summary>Runs <paramref name="process"/> for the connection on the thread pool (the event-driven mode).</summary>
    protected static void Spawn(Func<Connection, Task> process, Connection connection)
    {
        ThreadPool.UnsafeQueueUserWorkItem(
            static state => _ = state.Process(state.Connection),
            (Process: process, Connection: connection),
            preferLocal: false);
    }

    /// <summary>Runs <paramref name="process"/> for the connection on a dedicated thread (ThreadingMixIn).</summary>
    protected static void StartThread(Action<Connection> process, Connection connection)
    {
        var thread = new Thread(() => process(connection))
        {
            IsBackground = true,
            Name = "Declarative connection " + connection.Id,
        };
        thread.Start();
    }

    /// <summary>The close reason after a <c>[Handle]</c> method returned.</summary>
    protected static DisconnectReason ReasonAfterHandlerReturned(Connection connection) => connection.ReasonForHandlerReturn();

    /// <summary>The close reason when a handler stopped because the connection was closing (for example it observed <see cref="Connection.Closing"/>).</summary>
    protected static DisconnectReason ReasonAfterClosing(Connection connection) => connection.ReasonForEndOfInput();

    /// <summary>Called last for every connection, after its socket closed and OnDisconnect ran.</summary>
    protected void ConnectionFinished(Connection connection) => _registry.Remove(connection);

    /// <summary>Reports an error no hook took: to <see cref="TcpServerOptions.UnhandledError"/>, else one line on stderr.</summary>
    protected internal void ReportUnhandledError(Exception error, Connection? connection)
    {
        var sink = Options.UnhandledError;
        if (sink is not null)
        {
            try
            {
                sink(error, connection);
                return;
            }
            catch (Exception sinkError)
            {
                error = new AggregateException(error, sinkError);
            }
        }

        var peer = connection?.RemoteEndPoint.ToString() ?? "listener";
        Console.Error.WriteLine($"{GetType().FullName}: unhandled error ({peer}): {error.GetType().Name}: {error.Message}");
    }
}
