using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>The live connections of one server, so shutdown can reach each and wait until all are gone.</summary>
internal sealed class ConnectionRegistry
{
    private readonly Dictionary<long, Connection> _connections = new();
    private readonly Dictionary<System.Net.IPAddress, int> _perPeer = new();
    private TaskCompletionSource? _empty;
    private TaskCompletionSource? _slotFreed;
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

    /// <summary>A snapshot of the live connections.</summary>
    public Connection[] Snapshot()
    {
        lock (_connections)
        {
            var snapshot = new Connection[_connections.Count];
            _connections.Values.CopyTo(snapshot, 0);
            return snapshot;
        }
    }

    /// <summary>Completes once fewer than <paramref name="max"/> connections are open.</summary>
    public async ValueTask WaitBelowAsync(int max, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task freed;
            lock (_connections)
            {
                if (_connections.Count < max)
                {
                    return;
                }

                _slotFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                freed = _slotFreed.Task;
            }

            await freed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Adds a connection unless that would break a limit (0 for none); one that arrives after shutdown began is told to
    /// close at once.
    /// </summary>
    public bool TryAdd(Connection connection, int maxConnections, int maxPerPeer)
    {
        bool shuttingDown;
        var peer = (connection.RemoteEndPoint as System.Net.IPEndPoint)?.Address;
        lock (_connections)
        {
            if (maxConnections > 0 && _connections.Count >= maxConnections)
            {
                return false;
            }

            if (peer is not null)
            {
                _perPeer.TryGetValue(peer, out var count);
                if (maxPerPeer > 0 && count >= maxPerPeer)
                {
                    return false;
                }

                _perPeer[peer] = count + 1;
            }

            _connections.Add(connection.Id, connection);
            shuttingDown = _shuttingDown;
        }

        if (shuttingDown)
        {
            connection.RequestShutdown();
        }

        return true;
    }

    public void Remove(Connection connection)
    {
        TaskCompletionSource? empty = null;
        TaskCompletionSource? freed = null;
        var peer = (connection.RemoteEndPoint as System.Net.IPEndPoint)?.Address;
        lock (_connections)
        {
            if (_connections.Remove(connection.Id))
            {
                if (peer is not null && _perPeer.TryGetValue(peer, out var count))
                {
                    if (count <= 1)
                    {
                        _perPeer.Remove(peer);
                    }
                    else
                    {
                        _perPeer[peer] = count - 1;
                    }
                }

                freed = _slotFreed;
                _slotFreed = null;
                if (_connections.Count == 0)
                {
                    empty = _empty;
                    _empty = null;
                }
            }
        }

        freed?.TrySetResult();
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
