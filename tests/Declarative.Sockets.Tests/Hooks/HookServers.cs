using System;
using System.Collections.Concurrent;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Hooks;

// One class per test that reads its static state, so parallel tests never share a counter.

[TcpServer]
public partial class RefusingTcp
{
    public static readonly ConcurrentQueue<Connection> Verified = new();
    public static int Connects;
    public static int Disconnects;

    [VerifyRequest] public static bool Verify(Connection connection, EndPoint remote)
    {
        Verified.Enqueue(connection);
        return remote is null; // refuses everyone
    }

    [OnLine] public string Reply(string line) => line;
    [OnConnect] public void Connected() => Interlocked.Increment(ref Connects);
    [OnDisconnect] public void Disconnected() => Interlocked.Increment(ref Disconnects);
}

[UdpServer]
public partial class RefusingUdp
{
    public static int Checked;

    // Refuses every datagram that says "refuse": it never reaches a handler.
    public static volatile bool RefuseNext;

    [VerifyRequest] public static bool Verify(EndPoint sender)
    {
        Interlocked.Increment(ref Checked);
        return !RefuseNext;
    }

    [OnDatagram] public string Echo(string packet) => packet;
}

[UdpServer]
public partial class FailingUdp
{
    public static int Errors;

    [OnDatagram] public string Echo(string packet) => packet == "boom" ? throw new InvalidOperationException("boom") : packet;
    [OnError] public void Failed(Exception error, EndPoint sender) => Interlocked.Increment(ref Errors);
}

[UdpServer(Threading = true)]
public partial class FailingUdpThreading
{
    public static int Errors;

    [OnDatagram] public string Echo(string packet) => packet == "boom" ? throw new InvalidOperationException("boom") : packet;
    [OnError] public void Failed(Exception error) => Interlocked.Increment(ref Errors);
}

[TcpServer(Threading = true)]
public partial class FailingTcpThreading
{
    public static int Errors;

    [OnLine] public string Echo(string line) => line == "boom" ? throw new InvalidOperationException("boom") : line;
    [OnError] public void Failed(Exception error, Connection connection) => Interlocked.Increment(ref Errors);
}

[UdpServer]
public partial class TimeoutUdp
{
    public static int Timeouts;

    [OnDatagram] public string Echo(string packet) => packet;
    [OnTimeout] public static void TimedOut() => Interlocked.Increment(ref Timeouts);
}

[UnixStreamServer("/tmp/declarative-tests-unused.sock", Sequential = true)]
public partial class TimeoutUnix
{
    public static int Timeouts;

    [OnLine] public string Echo(string line) => line;
    [OnTimeout] public static void TimedOut() => Interlocked.Increment(ref Timeouts);
}

[TcpServer]
public partial class ServicedTcp
{
    public static int Ticks;

    [OnLine] public string Echo(string line) => line;
    [ServiceActions(IntervalMs = 10)] public static void Tick() => Interlocked.Increment(ref Ticks);
}

[UdpServer]
public partial class ServicedUdp
{
    public static int Ticks;

    [OnDatagram] public string Echo(string packet) => packet;
    [ServiceActions(IntervalMs = 10)] public static void Tick() => Interlocked.Increment(ref Ticks);
}

[TcpServer]
public partial class SelfStoppingAsync
{
    public static SocketServer? Current;

    [OnLine] public async ValueTask<string?> Reply(string line)
    {
        if (line != "stop")
        {
            return line;
        }

        await Current!.ShutdownAsync();
        return "stopping";
    }
}

[TcpServer(Threading = true)]
public partial class SelfStoppingThreading
{
    public static SocketServer? Current;

    [OnLine] public string Reply(string line)
    {
        if (line != "stop")
        {
            return line;
        }

        Current!.ShutdownAsync().GetAwaiter().GetResult();
        return "stopping";
    }
}

[TcpServer(Sequential = true)]
public partial class SelfStoppingSequential
{
    public static SocketServer? Current;

    [OnLine] public async Task<string?> Reply(string line)
    {
        if (line != "stop")
        {
            return line;
        }

        await Current!.ShutdownAsync();
        return "stopping";
    }
}

[UdpServer(Threading = true)]
public partial class SelfStoppingUdp
{
    public static SocketServer? Current;

    [OnDatagram] public string Reply(string packet)
    {
        if (packet == "stop")
        {
            Current!.ShutdownAsync().GetAwaiter().GetResult();
            return "stopping";
        }

        return packet;
    }
}

[TcpServer(Threading = true)]
public partial class BlockingThreading
{
    public static readonly ManualResetEventSlim Unblock = new(false);
    public static int Blocked;

    [OnLine] public string Reply(string line)
    {
        if (line == "block")
        {
            Interlocked.Increment(ref Blocked);
            Unblock.Wait();
        }

        return line;
    }
}

[TcpServer(Threading = true)]
public partial class NonBlockingOnClose
{
    public static readonly ManualResetEventSlim Unblock = new(false);
    public static int Blocked;

    [OnLine] public string Reply(string line)
    {
        if (line == "block")
        {
            Interlocked.Increment(ref Blocked);
            Unblock.Wait();
        }

        return line;
    }
}

[TcpServer(Threading = true, DaemonThreads = false)]
public partial class ForegroundThreads
{
    [OnLine] public string Reply(string line) => Thread.CurrentThread.IsBackground ? "background" : "foreground";
}

[UdpServer(Threading = true)]
public partial class DaemonUdp
{
    [OnDatagram] public string Reply(string packet) => Thread.CurrentThread.IsBackground ? "background" : "foreground";
}

[TcpServer]
public partial class ShortTimeout
{
    public static int TimedOut;

    [OnConnect] public void Connected(Connection c) => c.Timeout = TimeSpan.FromMilliseconds(200);
    [OnLine] public string Echo(string line) => line;
    [OnDisconnect] public void Disconnected(DisconnectReason reason)
    {
        if (reason == DisconnectReason.Timeout)
        {
            Interlocked.Increment(ref TimedOut);
        }
    }
}
