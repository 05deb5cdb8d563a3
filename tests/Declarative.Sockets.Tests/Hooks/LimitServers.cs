using System;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Hooks;

// One class per test that reads its static state, so parallel tests never share a counter.

/// <summary>[OnIdle] without a bool: the hook says goodbye, then the connection closes with IdleTimeout.</summary>
[TcpServer(IdleTimeoutMs = 200)]
public partial class IdleFarewell
{
    public static int Idle;
    public static int IdleClosed;

    [OnLine] public string Echo(string line) => line;

    [OnIdle]
    public async Task Farewell(Connection connection)
    {
        Interlocked.Increment(ref Idle);
        await connection.WriteLineAsync("bye");
    }

    [OnDisconnect]
    public void Disconnected(DisconnectReason reason)
    {
        if (reason == DisconnectReason.IdleTimeout)
        {
            Interlocked.Increment(ref IdleClosed);
        }
    }
}

/// <summary>[OnIdle] returning true twice keeps the connection open for two more periods, then lets it close.</summary>
[TcpServer(IdleTimeoutMs = 100)]
public partial class IdleKeepAlive
{
    public static int Calls;
    public static int IdleClosed;
    private int _mine;

    [OnLine] public string Echo(string line) => line;

    [OnIdle]
    public bool StillWanted()
    {
        Interlocked.Increment(ref Calls);
        return ++_mine < 3;
    }

    [OnDisconnect]
    public void Disconnected(DisconnectReason reason)
    {
        if (reason == DisconnectReason.IdleTimeout)
        {
            Interlocked.Increment(ref IdleClosed);
        }
    }
}

/// <summary>Counts bytes its [OnData] body is given, under a read-rate limit.</summary>
[TcpServer(MaxReadBytesPerSecond = 4096)]
public partial class ThrottledSink
{
    public static long Received;

    [OnData] public void Data(ReadOnlySpan<byte> data) => Interlocked.Add(ref Received, data.Length);
}

/// <summary>Attribute limits reach the generated default options.</summary>
[TcpServer(MaxConnections = 3, OverLimit = OverLimit.Queue, MaxConnectionsPerPeer = 2, IdleTimeoutMs = 60000)]
public partial class DeclaredLimits
{
    [OnLine] public string Echo(string line) => line;
}
