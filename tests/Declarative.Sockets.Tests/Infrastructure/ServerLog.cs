using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>What one running test server's hooks saw, keyed by the server's port so parallel tests never mix.</summary>
internal sealed class ServerLog
{
    private static readonly ConcurrentDictionary<int, ServerLog> s_logs = new();
    private int _active;
    private int _maxActive;

    public ConcurrentQueue<LogEvent> Events { get; } = new();

    /// <summary>Released by a test to let "hold" lines finish.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by a test to let "block" lines (which block their thread) finish.</summary>
    public ManualResetEventSlim Unblock { get; } = new(false);

    /// <summary>How many "hold" or "block" lines are waiting for <see cref="Release"/> or <see cref="Unblock"/>.</summary>
    public int Holding;

    public int MaxActive => Volatile.Read(ref _maxActive);

    public static ServerLog For(EndPoint? serverEndPoint) => s_logs.GetOrAdd(((IPEndPoint)serverEndPoint!).Port, _ => new ServerLog());

    public static ServerLog For(Connection connection) => For(connection.LocalEndPoint);

    public static int PortOf(EndPoint? endPoint) => ((IPEndPoint)endPoint!).Port;

    public void Connected(Connection connection)
    {
        var now = Interlocked.Increment(ref _active);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, now, seen) != seen)
        {
        }

        Events.Enqueue(new LogEvent("connect", PortOf(connection.RemoteEndPoint), null, null));
    }

    public void Disconnected(Connection connection, DisconnectReason reason, Exception? error)
    {
        Interlocked.Decrement(ref _active);
        Events.Enqueue(new LogEvent("disconnect", PortOf(connection.RemoteEndPoint), reason, error));
    }

    public void Error(Connection connection, Exception error) =>
        Events.Enqueue(new LogEvent("error", PortOf(connection.RemoteEndPoint), null, error));

    public IReadOnlyList<LogEvent> Of(int clientPort) => Events.Where(e => e.ClientPort == clientPort).ToList();

    public IReadOnlyList<LogEvent> Disconnects(int clientPort) => Of(clientPort).Where(e => e.Kind == "disconnect").ToList();
}

internal sealed record LogEvent(string Kind, int ClientPort, DisconnectReason? Reason, Exception? Error);
