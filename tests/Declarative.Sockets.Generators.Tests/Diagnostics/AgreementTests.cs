using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Declarative.Sockets.Generators.Tests.Diagnostics.Sources;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>
/// The analyzers and the parser never disagree: a declaration gets an error diagnostic exactly when the generator
/// emits nothing for it. Border cases of every rule, valid and invalid alike.
/// </summary>
public sealed class AgreementTests
{
    [Theory]
    [InlineData("[TcpServer]", LineBody, "public partial")]
    [InlineData("[TcpServer]", LineBody, "public")]
    [InlineData("[TcpServer]", LineBody, "internal sealed partial")]
    [InlineData("[TcpServer]", LineBody, "public abstract partial")]
    [InlineData("[TcpServer(Port = 65535, Backlog = 1)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Port = 65536)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Port = -1)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Port = 443)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Backlog = 0)]", LineBody, "public partial")]
    [InlineData("[TcpServer(MaxConnections = -1)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Threading = true, Sequential = true)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Threading = false, Sequential = true)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Forking = true, MaxChildren = 2)]", LineBody, "public partial")]
    [InlineData("[TcpServer(Forking = true, Threading = true)]", LineBody, "public partial")]
    [InlineData("[UdpServer(Forking = true, Threading = true)]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[UnixStreamServer(\"/tmp/a.sock\", Forking = true)]", LineBody, "public partial")]
    [InlineData("[UnixDatagramServer(\"/tmp/a.dgram\", Forking = true)]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[TcpServer]", "", "public partial")]
    [InlineData("[TcpServer]", "[OnLine(MaxLength = 0)] public string Reply(string line) => line;", "public partial")]
    [InlineData("[TcpServer]", "[OnLine(MaxLength = 1)] public void Reply(ReadOnlySpan<byte> line) { }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public ReadOnlyMemory<byte> Frame(ReadOnlyMemory<byte> p) => p;", "public partial")]
    [InlineData("[TcpServer(Threading = true)]", "[OnFrame(Format = FrameFormat.Netstring, MaxLength = 10)] public byte[] Frame(ReadOnlySpan<byte> p, Connection c, EndPoint e, CancellationToken t) => p.ToArray();", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame(Format = (FrameFormat)9)] public void Frame(ReadOnlyMemory<byte> p) { }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public Task<Resp> Frame(Resp p, EndPoint e, CancellationToken t) => Task.FromResult(p);\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public void Frame(Resp p, Connection c) { }\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public byte[] Frame(Resp p) => new byte[0];\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public Resp Frame(ReadOnlyMemory<byte> p) => default;\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public Resp Frame(Resp p, Resp q) => p;\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame(MaxLength = 0)] public void Frame(ReadOnlyMemory<byte> p) { }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public void Frame(string p) { }", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public string Frame(ReadOnlyMemory<byte> p) => \"\";", "public partial")]
    [InlineData("[TcpServer]", "[OnFrame] public void Frame(ReadOnlyMemory<byte> p) { }\n    [OnLine] public void Line(string line) { }", "public partial")]
    [InlineData("[UdpServer]", "[OnFrame] public void Frame(ReadOnlyMemory<byte> p) { }", "public partial")]
    [InlineData("[TcpServer]", "[OnData] public void Reply(ReadOnlySpan<byte> a, ReadOnlyMemory<byte> b) { }", "public partial")]
    [InlineData("[TcpServer]", "[OnData] public ValueTask Reply(ReadOnlyMemory<byte> data, EndPoint remote, CancellationToken token) => default;", "public partial")]
    [InlineData("[TcpServer]", "[Handle] public void Run(Connection c, CancellationToken token) { }", "public partial")]
    [InlineData("[TcpServer]", "[Handle] public void Run(Connection c, Connection again) { }", "public partial")]
    [InlineData("[TcpServer]", "[Handle] public void Run(Connection c) { }\n    [OnLine] public void Line(string line) { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnDisconnect] public void Bye(Exception? error) { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnDisconnect] public void Bye(Exception error) { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnError] public void Oops(Exception error, EndPoint remote) { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnError] public void Oops(Exception error) { }\n    [OnError] public void Again(Exception error) { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnConnect, OnError] public void Log(Connection c) { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnConnect, OnDisconnect] public void Log(CancellationToken token) { }", "public partial")]
    [InlineData("[UdpServer]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[UdpServer(MaxPacketSize = 65507, Threading = true)]", "[OnDatagram] public byte[] Back(ReadOnlySpan<byte> p) => p.ToArray();", "public partial")]
    [InlineData("[UdpServer(MaxPacketSize = 65508)]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[UdpServer(Port = 70000)]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[UdpServer]", LineBody, "public partial")]
    [InlineData("[UdpServer]", "[OnDatagram] public string Back(string p, Connection c) => p;", "public partial")]
    [InlineData("[UdpServer]", "[OnDatagram] public void Back(EndPoint sender) { }", "public partial")]
    [InlineData("[UdpServer]", "[OnDatagram] public string Back(string p) => p;\n    [OnConnect] public void Hi() { }", "public partial")]
    [InlineData("[UdpServer]", "[OnDatagram] public string Back(string p) => p;\n    [VerifyRequest] public static bool Ok(EndPoint e) => true;", "public partial")]
    [InlineData("[UdpServer]", "[OnDatagram] public string Back(string p) => p;\n    [VerifyRequest] public static bool Ok(Connection c) => true;", "public partial")]
    [InlineData("[TcpServer]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnTimeout] public static void T() { }\n    [ServiceActions(IntervalMs = 0)] public static void S() { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnTimeout] public void T() { }", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnTimeout] public static void T() { }\n    [OnTimeout] public static void U() { }", "public partial")]
    [InlineData("[UnixStreamServer(\"/tmp/a\")]", LineBody, "public partial")]
    [InlineData("[UnixStreamServer]", LineBody, "public partial")]
    [InlineData("[UnixStreamServer(Path = \"\")]", LineBody, "public partial")]
    [InlineData("[UnixDatagramServer(\"/tmp/a\", MaxPacketSize = 16777216)]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[UnixDatagramServer(\"/tmp/a\", MaxPacketSize = 16777217)]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[UnixDatagramServer]", "[OnDatagram] public string Back(string p) => p;", "public partial")]
    [InlineData("[TcpServer, UdpServer]", LineBody, "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\")] public string Get(string key, int n = 1, params string[] rest) => key;", "public partial")]
    [InlineData("[TcpServer(Threading = true)]", "[Command(\"GET\")] public Task<string> Get(Connection c, bool b = true) => Task.FromResult(\"\");\n    [OnCommandError] public string E(string c, string m) => m;", "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\")] public string Get(string key) => key;\n    [Command(\"get\")] public string Get2(string key) => key;", "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\", CaseSensitive = true)] public string Get(string key) => key;\n    [Command(\"get\", CaseSensitive = true)] public string Get2(string key) => key;", "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\")] public string Get(DateTime key) => \"\";", "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\")] public string Get(string[] keys, int n) => \"\";", "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\")] public static string Get(string key) => key;", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [Command(\"GET\")] public string Get(string key) => key;", "public partial")]
    [InlineData("[TcpServer]", LineBody + "\n    [OnUnknownCommand] public string U(string name) => name;", "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\")] public string Get(string key) => key;\n    [OnUnknownCommand] public string U(string a, string b, string c) => a;", "public partial")]
    [InlineData("[TcpServer]", "[Command(\"GET\")] public string Get(string key) => key;\n    [OnUnknownCommand] public string U(string a) => a;\n    [OnUnknownCommand] public string V(string a) => a;", "public partial")]
    [InlineData("[UdpServer]", "[Command(\"GET\")] public string Get(string key) => key;", "public partial")]
    public async Task AnErrorIsReported_ExactlyWhenTheGeneratorSkipsTheClass(string attribute, string members, string modifiers)
    {
        var compilation = TestCompilation.Create(Server(attribute, members, modifiers));
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);
        var hasError = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        var (driver, _) = TestCompilation.RunGenerator(compilation);
        var generated = !driver.GetRunResult().GeneratedTrees.IsEmpty;

        Assert.True(
            hasError != generated,
            $"Analyzers {(hasError ? "reported an error" : "reported no error")} but the generator {(generated ? "emitted" : "skipped")} the class: {AnalyzerHarness.Describe(diagnostics)}");
    }
}
