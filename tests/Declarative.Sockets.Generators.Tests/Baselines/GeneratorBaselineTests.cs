using System;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Declarative.Sockets.Generators.Tests.Baselines;

/// <summary>
/// Pins the generated source of every body kind in every concurrency mode, plus shapes worth keeping an eye on.
/// The baseline files under <c>Baselines/&lt;Test&gt;/</c> are the review record of the generated code.
/// </summary>
public sealed class GeneratorBaselineTests
{
    private const string Usings = """
        using System;
        using System.Net;
        using System.Threading;
        using System.Threading.Tasks;
        using Declarative.Sockets;

        """;

    public static TheoryData<string, string> BodiesAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var body in new[] { "Handle", "OnData", "OnLine", "OnFrame" })
        {
            foreach (var mode in new[] { "Async", "Threading", "Sequential" })
            {
                data.Add(body, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BodiesAndModes))]
    public void BodyKindInMode(string body, string mode)
    {
        var modeArgument = mode switch
        {
            "Threading" => ", Threading = true",
            "Sequential" => ", Sequential = true",
            _ => string.Empty,
        };
        var member = body switch
        {
            "Handle" => "[Handle] public ValueTask Run(Connection c) => default;",
            "OnData" => "[OnData] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> data) => data;",
            "OnFrame" => "[OnFrame] public ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> payload) => payload;",
            _ => "[OnLine] public string Reply(string line) => line;",
        };

        VerifyNamed(
            $"{body}_{mode}",
            Usings + $$"""
            namespace App;

            [TcpServer(Port = 9000{{modeArgument}})]
            public partial class {{body}}Server
            {
                {{member}}
            }
            """);
    }

    [Fact]
    public void Hooks_ConnectDisconnectError()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9001)]
            public partial class HookedServer
            {
                public int Connected;

                [OnConnect] public void Connect(Connection connection) => Connected++;

                [OnLine] public string Reply(string line) => line;

                [OnDisconnect] public ValueTask Disconnect(DisconnectReason reason, Exception? error) => default;

                [OnError] public void Error(Exception error) => Console.Error.WriteLine(error.Message);
            }
            """);
    }

    [Fact]
    public void Nested_InPartialContainerInNamespace()
    {
        VerifyGenerated(Usings + """
            namespace App.Outer.Inner;

            public static partial class Servers
            {
                [TcpServer(Port = 9002, Host = "0.0.0.0")]
                public partial class Nested
                {
                    [OnLine] public string Reply(string line) => line;
                }
            }
            """);
    }

    [Fact]
    public void RecordServer()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9006)]
            public partial record RecordServer
            {
                [OnLine] public string Reply(string line) => line;
            }
            """);
    }

    [Fact]
    public void GlobalNamespace()
    {
        VerifyGenerated(Usings + """
            [TcpServer(Port = 9003)]
            public partial class GlobalServer
            {
                [OnData] public byte[] Echo(ReadOnlySpan<byte> data) => data.ToArray();
            }
            """);
    }

    [Fact]
    public void OnLine_SpanIn_ValueTaskOfNullableStringOut_MaxLength()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9004)]
            public partial class SpanLineServer
            {
                [OnLine(MaxLength = 512)]
                public ValueTask<string?> Reply(ReadOnlySpan<byte> line, Connection connection, CancellationToken token) =>
                    new(line.IsEmpty ? null : line.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            """);
    }

    [Fact]
    public void OnFrame_Netstring_SpanInBytesOut_MaxLength()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9005)]
            public partial class NetstringServer
            {
                [OnFrame(Format = FrameFormat.Netstring, MaxLength = 4096)]
                public byte[]? Reply(ReadOnlySpan<byte> payload, EndPoint remote, CancellationToken token) =>
                    payload.IsEmpty ? null : payload.ToArray();
            }
            """);
    }

    [Fact]
    public void OnFrame_UserFrameType()
    {
        VerifyGenerated(Usings + """
            namespace App;

            public readonly record struct Resp(string Text) : IFrame<Resp>
            {
                public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> buffer, int maxLength, out Resp frame) { frame = default; return FrameStatus.NeedMore; }
                public static void Write(System.Buffers.IBufferWriter<byte> writer, Resp frame) { }
            }

            [TcpServer(Port = 9007)]
            public partial class RespServer
            {
                [OnFrame(MaxLength = 512)]
                public ValueTask<Resp> Reply(Resp frame, Connection connection) => new(frame);
            }
            """);
    }

    [Fact]
    public void Commands_Async()
    {
        VerifyGenerated(Usings + """
            namespace App;

            public enum Mode { Fast, Safe, @class }

            [TcpServer(Port = 9010)]
            public partial class KvServer
            {
                [Command("SET")] public string Set(string key, string value, int ttl = 0, Mode mode = Mode.Safe) => "OK";
                [Command("GET")] public ValueTask<string?> Get(string key, CancellationToken token) => default;
                [Command("DEL")] public void Del(Connection connection, params string[] keys) { }
                [Command("Ping", CaseSensitive = true)] public Task<string> Ping(bool loud = false, long n = -1, double d = 1.5, decimal m = 2.25m, string? note = null) => Task.FromResult("PONG");
                [Command("INCRBY")] public string IncrBy(string key, long by, EndPoint remote) => "1";
                [Command("MODE")] public string SetMode(Mode mode) => mode.ToString();
                [OnUnknownCommand] public string Unknown(string name, string line, Connection connection) => "?";
                [OnCommandError] public ValueTask<string> Error(string command, string message) => new("bad");
            }
            """);
    }

    [Fact]
    public void Commands_Threading_DefaultReplies()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9011, Threading = true)]
            public partial class CounterServer
            {
                private int _count;

                [Command("INCR")] public string Incr(int by = 1) => (_count += by).ToString(System.Globalization.CultureInfo.InvariantCulture);
                [Command("QUIT")] public Task Quit(Connection connection) { connection.Close(); return Task.CompletedTask; }
            }
            """);
    }

    [Fact]
    public void OnFrame_UserFrameType_Threading()
    {
        VerifyGenerated(Usings + """
            namespace App;

            public readonly record struct Resp(string Text) : IFrame<Resp>
            {
                public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> buffer, int maxLength, out Resp frame) { frame = default; return FrameStatus.NeedMore; }
                public static void Write(System.Buffers.IBufferWriter<byte> writer, Resp frame) { }
            }

            [TcpServer(Port = 9008, Threading = true)]
            public partial class RespServer
            {
                [OnFrame] public Resp Reply(Resp frame) => frame;
            }
            """);
    }

    [Fact]
    public void OnFrame_Int16Prefix_TaskReturning()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9006, Threading = true)]
            public partial class ShortFrameServer
            {
                [OnFrame(Format = FrameFormat.Int16Prefix, MaxLength = 1000)]
                public Task Consume(ReadOnlyMemory<byte> payload, Connection connection) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public void TaskReturningHandlers()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9005)]
            public partial class TaskServer
            {
                [OnConnect] public Task Connect(EndPoint? remote, CancellationToken token) => Task.CompletedTask;

                [OnLine] public Task<string> Reply(string line) => Task.FromResult(line);

                [OnError] public Task Error(Exception error, Connection connection) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public void Handle_TaskReturning_WithCancellationToken()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9006, Threading = true)]
            public partial class TaskHandleServer
            {
                [Handle] public Task Run(Connection c, CancellationToken token) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public void VoidHandlers()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9007, Sequential = true)]
            public partial class VoidServer
            {
                public long Bytes;

                [OnConnect] public void Connect() { }

                [OnData] public void Count(ReadOnlySpan<byte> data, EndPoint? remote) => Bytes += data.Length;

                [OnDisconnect] public void Disconnect(DisconnectReason reason) { }
            }
            """);
    }

    [Fact]
    public void Handle_Void()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9008)]
            public partial class VoidHandleServer
            {
                [Handle] public void Run(Connection c) => c.Close();
            }
            """);
    }

    [Fact]
    public void Udp_Async_WithServerHooks()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [UdpServer(Port = 9010, MaxPacketSize = 1024)]
            public partial class UdpEchoServer
            {
                [OnDatagram] public ValueTask<string?> Reply(ReadOnlyMemory<byte> packet, EndPoint sender, CancellationToken token) => new((string?)null);

                [OnError] public void Error(Exception error, EndPoint sender) { }

                [VerifyRequest] public static bool Verify(EndPoint sender) => true;

                [OnTimeout] public static void TimedOut() { }

                [ServiceActions(IntervalMs = 250)] public static void Tick() { }
            }
            """);
    }

    [Fact]
    public void Udp_Threading_SpanToBytes()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [UdpServer(Port = 9011, Threading = true, ReuseAddress = true)]
            public partial class UdpThreadingServer
            {
                [OnDatagram] public byte[] Reply(ReadOnlySpan<byte> packet) => packet.ToArray();
            }
            """);
    }

    [Fact]
    public void UnixStream_Threading_WithOptions()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [UnixStreamServer("/tmp/app.sock", FileMode = System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite, TimeoutMs = 30000, Threading = true, DaemonThreads = false, BlockOnClose = false)]
            public partial class UnixHandleServer
            {
                [Handle] public void Run(Connection c) { }

                [VerifyRequest] public static bool Verify(Connection connection, EndPoint remote) => true;
            }
            """);
    }

    [Fact]
    public void UnixDatagram_Async_StringToString()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [UnixDatagramServer(Path = "/tmp/app.dgram", MaxPacketSize = 100000)]
            public partial class UnixDatagramServer
            {
                [OnDatagram] public string Reply(string packet) => packet;
            }
            """);
    }

    [Fact]
    public void Tcp_WithServerHooks()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9012, TimeoutMs = 1000)]
            public partial class HookedTcpServer
            {
                [OnLine] public string Reply(string line) => line;

                [VerifyRequest] public static bool Verify(EndPoint remote) => true;

                [OnTimeout] public static void TimedOut() { }

                [ServiceActions] public static void Tick() { }
            }
            """);
    }

    [Fact]
    public void Tcp_Limits_WithOnIdle()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9020, IdleTimeoutMs = 30000, MaxConnections = 100, OverLimit = OverLimit.Queue, MaxConnectionsPerPeer = 4, MaxReadBytesPerSecond = 65536)]
            public partial class LimitedTcpServer
            {
                [OnLine] public string Reply(string line) => line;

                [OnIdle] public bool StillWanted(Connection connection) => false;
            }
            """);
    }

    [Fact]
    public void UnixStream_Threading_TaskOnIdle()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [UnixStreamServer("/tmp/idle.sock", Threading = true, IdleTimeoutMs = 500)]
            public partial class IdleUnixServer
            {
                [OnLine] public string Reply(string line) => line;

                [OnIdle] public Task Idle(Connection connection) => connection.WriteLineAsync("bye").AsTask();
            }
            """);
    }

    [Fact]
    public void Tcp_Forking_MaxChildren()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [TcpServer(Port = 9013, Forking = true, MaxChildren = 3)]
            public partial class ForkingTcpServer
            {
                [OnLine] public string Reply(string line) => line;
            }
            """);
    }

    [Fact]
    public void Udp_Forking_DefaultMaxChildren()
    {
        VerifyGenerated(Usings + """
            namespace App;

            [UdpServer(Port = 9014, Forking = true)]
            public partial class ForkingUdpServer
            {
                [OnDatagram] public ReadOnlyMemory<byte> Reply(ReadOnlyMemory<byte> packet) => packet;
            }
            """);
    }

    private static void VerifyGenerated(string source, [CallerMemberName] string testName = "") =>
        VerifyNamed(testName, source);

    private static void VerifyNamed(string testName, string source)
    {
        var (driver, output) = TestCompilation.RunGenerator(TestCompilation.Create(source));
        var result = driver.GetRunResult();
        Assert.NotEmpty(result.GeneratedTrees);
        if (BaselineVerifier.UpdateMode)
        {
            // Rewrites the baselines and fails, even when the code below would not compile: the files show why.
            BaselineVerifier.Verify(testName, result);
        }

        var problems = TestCompilation.CompileErrors(output);
        Assert.True(
            problems.IsEmpty,
            "The output compilation (user code + generated code) has errors or warnings:" + Environment.NewLine +
            string.Join(Environment.NewLine, problems.Select(d => d.ToString())));

        BaselineVerifier.Verify(testName, result);
    }
}
