using System.Linq;
using System.Threading.Tasks;
using Declarative.Sockets.Generators.Model;
using Declarative.Sockets.Generators.Parsing;
using Microsoft.CodeAnalysis;
using static Declarative.Sockets.Generators.Tests.Diagnostics.AnalyzerHarness;
using static Declarative.Sockets.Generators.Tests.Diagnostics.Sources;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>DSK007, DSK008, DSK009, DSK010, DSK012 and DSK019 from <c>HandlerMethodAnalyzer</c>.</summary>
public sealed class HandlerMethodDiagnosticsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("[OnConnect] public void Hello(Connection c) { }")]
    [InlineData("public string Reply(string line) => line;")]
    public Task DSK007_NoBodyMethod_IsReportedOnTheClass(string members) =>
        AssertRaisesAsync(Server("[TcpServer]", members), "DSK007", DiagnosticSeverity.Error, "Echo");

    [Theory]
    [InlineData("[Handle] public ValueTask Run(Connection c) => default;")]
    [InlineData("[OnData] public byte[] Echo1(ReadOnlySpan<byte> data) => data.ToArray();")]
    [InlineData("[OnLine] public string Reply(string line) => line;")]
    [InlineData("[OnFrame] public ReadOnlyMemory<byte> Frame(ReadOnlyMemory<byte> payload) => payload;")]
    [InlineData("[OnFrame(Format = FrameFormat.Netstring)] public ValueTask Eat(ReadOnlyMemory<byte> payload, Connection c) => default;")]
    public Task DSK007_OneBodyMethod_IsValid(string members) =>
        AssertValidAsync(Server("[TcpServer]", members));

    [Fact]
    public async Task DSK008_TwoBodyKinds_AreReportedOnTheSecondMethod()
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", LineBody + "\n    [OnData] public void Raw(ReadOnlyMemory<byte> data) { }"),
            "DSK008", DiagnosticSeverity.Error, "Raw");
        Assert.Contains("'Reply'", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("[OnData]", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task DSK008_EveryExtraBodyMethod_IsReported() =>
        AssertRaisesAsync(
            Server("[TcpServer]", """
                [OnLine] public string First(string line) => line;
                    [OnLine] public string Second(string line) => line;
                    [Handle] public ValueTask Third(Connection c) => default;
                """),
            "DSK008", DiagnosticSeverity.Error, new[] { "Second", "Third" });

    [Fact]
    public Task DSK008_OneBodyMethodBesideAnUnmarkedLookAlike_IsValid() =>
        AssertValidAsync(Server("[TcpServer]", LineBody + "\n    public string Other(string line) => line;"));

    [Theory]
    [InlineData("[OnLine] public int Reply(string line) => 0;", "[OnLine]", "OnLine")]
    [InlineData("[OnLine] public string Reply() => \"\";", "[OnLine]", "OnLine")]
    [InlineData("[OnLine] public string Reply(string line, string again) => line;", "[OnLine]", "OnLine")]
    [InlineData("[OnLine] public string Reply(ref string line) => line;", "[OnLine]", "OnLine")]
    [InlineData("[OnLine] public T Reply<T>(string line) => default!;", "[OnLine]", "OnLine")]
    [InlineData("[OnLine] public static string Reply(string line) => line;", "[OnLine]", "OnLine")]
    [InlineData("[OnData] public void Reply(string data) { }", "[OnData]", "OnData")]
    [InlineData("[OnData] public string Reply(ReadOnlyMemory<byte> data) => \"\";", "[OnData]", "OnData")]
    [InlineData("[Handle] public ValueTask Reply(CancellationToken token) => default;", "[Handle]", "Handle")]
    [InlineData("[Handle] public string Reply(Connection c) => \"\";", "[Handle]", "Handle")]
    public async Task DSK009_UnsupportedBodySignature_IsReportedOnTheMethod(string members, string attribute, string roleName)
    {
        var role = System.Enum.Parse<MemberRole>(roleName);
        var diagnostics = await AssertRaisesAsync(Server("[TcpServer]", members), "DSK009", DiagnosticSeverity.Error, "Reply");
        Assert.Equal(
            $"The {attribute} method 'Reply' has a signature the generator does not support: expected {HandlerShapes.Describe(role)}",
            diagnostics.Single().GetMessage());
    }

    [Theory]
    [InlineData("[OnConnect] public string Reply(Connection c) => \"\";", "OnConnect")]
    [InlineData("[OnConnect] public void Reply(Exception e) { }", "OnConnect")]
    [InlineData("[OnDisconnect] public void Reply(CancellationToken token) { }", "OnDisconnect")]
    [InlineData("[OnError] public void Reply(DisconnectReason reason) { }", "OnError")]
    [InlineData("[OnError] public void Reply(Exception first, Exception second) { }", "OnError")]
    public async Task DSK009_UnsupportedHookSignature_IsReportedOnTheMethod(string hook, string roleName)
    {
        var role = System.Enum.Parse<MemberRole>(roleName);
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", LineBody + "\n    " + hook), "DSK009", DiagnosticSeverity.Error, "Reply");
        Assert.EndsWith(HandlerShapes.Describe(role), diagnostics.Single().GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains(KnownNames.AttributeName(role), diagnostics.Single().GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[OnLine] public ValueTask<string> Reply(string line, Connection c, CancellationToken token) => new(line);")]
    [InlineData("[OnLine] public Task Reply(ReadOnlyMemory<byte> line, EndPoint remote) => Task.CompletedTask;")]
    [InlineData("[OnData] public ReadOnlyMemory<byte> Reply(ReadOnlyMemory<byte> data, Connection c) => data;")]
    [InlineData("[Handle] public Task Reply(Connection c, CancellationToken token) => Task.CompletedTask;")]
    [InlineData("""
        [OnLine] public string Reply(string line) => line;
            [OnConnect] public ValueTask Hello(Connection c, EndPoint remote, CancellationToken token) => default;
            [OnDisconnect] public void Bye(DisconnectReason reason, Exception? error, Connection c, EndPoint remote) { }
            [OnError] public Task Oops(Exception error, Connection c, EndPoint remote) => Task.CompletedTask;
        """)]
    public Task DSK009_SupportedSignatures_AreValid(string members) =>
        AssertValidAsync(Server("[TcpServer]", members));

    [Theory]
    [InlineData("OnConnect", "Connection c")]
    [InlineData("OnDisconnect", "DisconnectReason reason")]
    [InlineData("OnError", "Exception error")]
    public async Task DSK010_HookDeclaredTwice_IsReportedOnTheSecondMethod(string hook, string parameter)
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", $$"""
                {{LineBody}}
                    [{{hook}}] public void First({{parameter}}) { }
                    [{{hook}}] public void Second({{parameter}}) { }
                    [{{hook}}] public void Third({{parameter}}) { }
                """),
            "DSK010", DiagnosticSeverity.Error, new[] { "Second", "Third" });
        Assert.Contains($"[{hook}]", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("'First'", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task DSK010_EachHookOnce_IsValid() =>
        AssertValidAsync(Server("[TcpServer]", LineBody + """

                [OnConnect] public void First(Connection c) { }
                [OnDisconnect] public void Second(DisconnectReason reason) { }
                [OnError] public void Third(Exception error) { }
            """));

    [Fact]
    public Task DSK010_OneMethodServingTwoHooks_IsValid() =>
        AssertValidAsync(Server("[TcpServer]", LineBody + "\n    [OnConnect, OnDisconnect] public void Log(Connection c) { }"));

    [Theory]
    [InlineData("MaxLength = 0", "0")]
    [InlineData("MaxLength = -1", "-1")]
    public async Task DSK012_NonPositiveMaxLength_IsReportedOnTheArgument(string argument, string value)
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", $"[OnLine({argument})] public string Reply(string line) => line;"),
            "DSK012", DiagnosticSeverity.Error, argument);
        Assert.Equal($"MaxLength {value} of the [OnLine] method 'Reply' must be positive", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task DSK008_OnFrameCountsAsABodyKind()
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", LineBody + "\n    [OnFrame] public void Frame(ReadOnlyMemory<byte> payload) { }"),
            "DSK008", DiagnosticSeverity.Error, "Frame");
        Assert.Contains("[OnFrame]", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[OnFrame] public void Frame(string payload) { }")]
    [InlineData("[OnFrame] public string Frame(ReadOnlyMemory<byte> payload) => \"\";")]
    [InlineData("[OnFrame] public void Frame(Connection c) { }")]
    [InlineData("[OnFrame] public byte[] Frame(Resp payload) => new byte[0];\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }")]
    [InlineData("[OnFrame] public Resp Frame(ReadOnlySpan<byte> payload) => default;\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }")]
    [InlineData("[OnFrame] public Task<Resp> Frame(Resp payload, Exception e) => Task.FromResult(payload);\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }")]
    public async Task DSK009_UnsupportedOnFrameShape_IsReported(string member)
    {
        var diagnostics = await AssertRaisesAsync(Server("[TcpServer]", member), "DSK009", DiagnosticSeverity.Error, "Frame");
        Assert.Contains("written back as a frame", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[OnFrame] public Resp Frame(Resp payload) => payload;")]
    [InlineData("[OnFrame(MaxLength = 10)] public ValueTask<Resp> Frame(Connection c, Resp payload, CancellationToken t) => new(payload);")]
    [InlineData("[OnFrame] public Task Frame(Resp payload, EndPoint e) => Task.CompletedTask;")]
    public Task DSK009_UserFrameTypeShapes_AreValid(string member) =>
        AssertValidAsync(Server("[TcpServer]", member + "\n    public readonly record struct Resp(int N) : IFrame<Resp> { public static FrameStatus TryRead(ref System.Buffers.ReadOnlySequence<byte> b, int m, out Resp f) { f = default; return FrameStatus.NeedMore; } public static void Write(System.Buffers.IBufferWriter<byte> w, Resp f) { } }"));

    [Theory]
    [InlineData("MaxLength = 0", "0")]
    [InlineData("Format = FrameFormat.Int8Prefix, MaxLength = -5", "-5")]
    public async Task DSK012_NonPositiveOnFrameMaxLength_IsReportedOnTheArgument(string argument, string value)
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", $"[OnFrame({argument})] public void Frame(ReadOnlyMemory<byte> payload) {{ }}"),
            "DSK012", DiagnosticSeverity.Error, argument.Substring(argument.IndexOf("MaxLength", System.StringComparison.Ordinal)));
        Assert.Equal($"MaxLength {value} of the [OnFrame] method 'Frame' must be positive", diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("MaxLength = 1")]
    [InlineData("Format = FrameFormat.Netstring, MaxLength = 1048576")]
    public Task DSK012_PositiveOnFrameMaxLength_IsValid(string argument) =>
        AssertValidAsync(Server("[TcpServer]", $"[OnFrame({argument})] public void Frame(ReadOnlyMemory<byte> payload) {{ }}"));

    [Theory]
    [InlineData("Format = (FrameFormat)7", "7")]
    [InlineData("Format = (FrameFormat)(-1)", "-1")]
    public async Task DSK019_UndefinedFrameFormat_IsReportedOnTheArgument(string argument, string value)
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", $"[OnFrame({argument})] public void Frame(ReadOnlyMemory<byte> payload) {{ }}"),
            "DSK019", DiagnosticSeverity.Error, argument);
        Assert.StartsWith($"Format {value} of the [OnFrame] method 'Frame' is not a defined FrameFormat", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Format = FrameFormat.Int8Prefix")]
    [InlineData("Format = FrameFormat.Int16Prefix")]
    [InlineData("Format = FrameFormat.Int32Prefix")]
    [InlineData("Format = FrameFormat.Netstring")]
    [InlineData("Format = (FrameFormat)3")]
    public Task DSK019_DefinedFrameFormat_IsValid(string argument) =>
        AssertValidAsync(Server("[TcpServer]", $"[OnFrame({argument})] public void Frame(ReadOnlyMemory<byte> payload) {{ }}"));

    [Theory]
    [InlineData("MaxLength = 1")]
    [InlineData("MaxLength = 1048576")]
    public Task DSK012_PositiveMaxLength_IsValid(string argument) =>
        AssertValidAsync(Server("[TcpServer]", $"[OnLine({argument})] public string Reply(string line) => line;"));
}
