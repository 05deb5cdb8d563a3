using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>The live connections of one server, so shutdown can reach each and wait until all are gone.</summary>
internal sealed class ConnectionRegistry
{
    private readonly Dictionary<long, Connection> _connections = new();
    private TaskCompletionSource? _empty;
    private bool _shuttingDown;

    public int Count
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Adds a connection; one that arrives after shutdown began is told to close at once.</summary>
    public void Add(Connection connection)
    {
        bool shuttingDown;
        lock (_connections)
        {
            _connections.Add(connection.Id, connection);
            shuttingDown = _shuttingDown;
        }

        if (shuttingDown)
        {
            connection.RequestShutdown();
        }
    }

    public void Remove(Connection connection)
    {
        TaskCompletionSource? empty = null;
        lock (_connections)
        {
            if (_connections.Remove(connection.Id) && _connections.Count == 0)
            {
                empty = _empty;
                _empty = null;
            }
        }

        empty?.TrySetResult();
    }

    /// <summary>Marks shutdown and asks every live connection to finish its current message and close.</summary>
    public void RequestShutdown() => ForEach(static c => c.RequestShutdown(), markShutdown: true);

    public void AbortAll() => ForEach(static c => c.Abort(), markShutdown: false);

    /// <summary>Completes with true once no connection is left, or false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitEmptyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task empty;
        lock (_connections)
        {
            if (_connections.Count == 0)
            {
                return true;
            }

            _empty ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            empty = _empty.Task;
        }

        try
        {
            await empty.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void ForEach(Action<Connection> action, bool markShutdown)
    {
        Connection[] snapshot;
        lock (_connections)
        {
            _shuttingDown |= markShutdown;
            snapshot = new Connection[_connections.Count];
            _connections.Values.CopyTo(snapshot, 0);
        }

        foreach (var connection in snapshot)
        {
            action(connection);
        }
    }
}
