using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

// One server per body kind x concurrency mode. The handlers are one-liners over TestLogic and ServerLog so every
// mode runs the same behaviour; hooks are declared per class because the generator reads declared members only.

[TcpServer]
public partial class LineAsync
{
    [OnLine(MaxLength = TestServers.MaxLine)] public ValueTask<string?> Line(string line, Connection c) => TestLogic.Reply(line, c);
    [OnConnect] public void Connected(Connection c) => ServerLog.For(c).Connected(c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
    [OnError] public void Failed(Exception e, Connection c) => ServerLog.For(c).Error(c, e);
}

[TcpServer(Threading = true)]
public partial class LineThreading
{
    [OnLine(MaxLength = TestServers.MaxLine)] public ValueTask<string?> Line(string line, Connection c) => TestLogic.Reply(line, c);
    [OnConnect] public void Connected(Connection c) => ServerLog.For(c).Connected(c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
    [OnError] public void Failed(Exception e, Connection c) => ServerLog.For(c).Error(c, e);
}

[TcpServer(Sequential = true)]
public partial class LineSequential
{
    [OnLine(MaxLength = TestServers.MaxLine)] public ValueTask<string?> Line(string line, Connection c) => TestLogic.Reply(line, c);
    [OnConnect] public void Connected(Connection c) => ServerLog.For(c).Connected(c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
    [OnError] public void Failed(Exception e, Connection c) => ServerLog.For(c).Error(c, e);
}

[TcpServer]
public partial class DataAsync
{
    [OnData] public ReadOnlyMemory<byte> Data(ReadOnlyMemory<byte> data) => data;
    [OnConnect] public void Connected(Connection c) => ServerLog.For(c).Connected(c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c) => ServerLog.For(c).Disconnected(c, r, null);
}

[TcpServer(Threading = true)]
public partial class DataThreading
{
    [OnData] public byte[] Data(ReadOnlySpan<byte> data) => data.ToArray();
    [OnConnect] public void Connected(Connection c) => ServerLog.For(c).Connected(c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c) => ServerLog.For(c).Disconnected(c, r, null);
}

[TcpServer(Sequential = true)]
public partial class DataSequential
{
    [OnData] public void Data(ReadOnlySpan<byte> data, Connection c) => c.Write(data);
    [OnConnect] public void Connected(Connection c) => ServerLog.For(c).Connected(c);
    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c) => ServerLog.For(c).Disconnected(c, r, null);
}

[TcpServer]
public partial class HandleAsync
{
    [Handle]
    public async ValueTask Run(Connection c)
    {
        while (!c.IsClosing && await c.ReadLineAsync(TestServers.MaxLine) is { } line)
        {
            if (await TestLogic.Reply(line, c) is { } reply)
            {
                await c.WriteLineAsync(reply);
            }
        }
    }

    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
    [OnError] public void Failed(Exception e, Connection c) => ServerLog.For(c).Error(c, e);
}

[TcpServer(Threading = true)]
public partial class HandleThreading
{
    // socketserver style: blocking reads and writes on the connection's stream, on this connection's own thread.
    [Handle]
    public void Run(Connection c)
    {
        using var reader = new StreamReader(c.Stream, Encoding.UTF8);
        while (!c.IsClosing && reader.ReadLine() is { } line)
        {
            if (Blocking.Wait(TestLogic.Reply(line, c)) is { } reply)
            {
                c.Stream.Write(Encoding.UTF8.GetBytes(reply + "\n"));
            }
        }
    }

    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
    [OnError] public void Failed(Exception e, Connection c) => ServerLog.For(c).Error(c, e);
}

[TcpServer(Sequential = true)]
public partial class HandleSequential
{
    [Handle]
    public async Task Run(Connection c, System.Threading.CancellationToken closing)
    {
        while (!closing.IsCancellationRequested && await c.ReadLineAsync(TestServers.MaxLine, closing) is { } line)
        {
            if (await TestLogic.Reply(line, c) is { } reply)
            {
                await c.WriteLineAsync(reply, closing);
            }
        }
    }

    [OnDisconnect] public void Disconnected(DisconnectReason r, Connection c, Exception? e) => ServerLog.For(c).Disconnected(c, r, e);
    [OnError] public void Failed(Exception e, Connection c) => ServerLog.For(c).Error(c, e);
}

/// <summary>Creates the test servers by name on 127.0.0.1 and a free port.</summary>
public static class TestServers
{
    public const int MaxLine = 256;

    public static readonly string[] Lines = { "line-async", "line-threading", "line-sequential" };
    public static readonly string[] Handles = { "handle-async", "handle-threading", "handle-sequential" };
    public static readonly string[] Datas = { "data-async", "data-threading", "data-sequential" };

    public static TheoryData<string> LineServers => Data(Lines);

    public static TheoryData<string> LineAndHandleServers => Data(Lines, Handles);

    public static TheoryData<string> AllServers => Data(Lines, Handles, Datas);

    public static TheoryData<string> ConcurrentServers => Data(new[] { "line-async", "line-threading", "handle-async", "handle-threading", "data-async", "data-threading" });

    public static async Task<TcpSocketServer> StartAsync(string name, Action<TcpServerOptions>? configure = null)
    {
        Action<TcpServerOptions> options = o =>
        {
            o.Port = 0;
            o.DrainTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        };
        TcpSocketServer server = name switch
        {
            "line-async" => new LineAsync.Server(options),
            "line-threading" => new LineThreading.Server(options),
            "line-sequential" => new LineSequential.Server(options),
            "handle-async" => new HandleAsync.Server(options),
            "handle-threading" => new HandleThreading.Server(options),
            "handle-sequential" => new HandleSequential.Server(options),
            "data-async" => new DataAsync.Server(options),
            "data-threading" => new DataThreading.Server(options),
            "data-sequential" => new DataSequential.Server(options),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        await server.StartAsync();
        _ = server.ServeForeverAsync();
        return server;
    }

    private static TheoryData<string> Data(params string[][] groups)
    {
        var data = new TheoryData<string>();
        foreach (var group in groups)
        {
            foreach (var name in group)
            {
                data.Add(name);
            }
        }

        return data;
    }
}
