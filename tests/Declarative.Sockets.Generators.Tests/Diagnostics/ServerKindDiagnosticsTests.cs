using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Declarative.Sockets.Generators.Tests.Diagnostics.AnalyzerHarness;
using static Declarative.Sockets.Generators.Tests.Diagnostics.Sources;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>DSK014 to DSK017: the server kinds (UDP, Unix stream, Unix datagram) and their members, plus the new hooks' shapes.</summary>
public sealed class ServerKindDiagnosticsTests
{
    private const string DatagramBody = "[OnDatagram] public string Reply(string packet) => packet;";

    [Theory]
    [InlineData("[UdpServer]", "[OnLine] public string Reply(string line) => line;", "Reply")]
    [InlineData("[UnixDatagramServer(\"/tmp/x\")]", "[Handle] public void Reply(Connection c) { }", "Reply")]
    [InlineData("[UdpServer]", "[OnData] public void Reply(ReadOnlySpan<byte> data) { }", "Reply")]
    [InlineData("[TcpServer]", "[OnDatagram] public string Reply(string packet) => packet;", "Reply")]
    [InlineData("[UnixStreamServer(\"/tmp/x\")]", "[OnDatagram] public string Reply(string packet) => packet;", "Reply")]
    public async Task DSK014_BodyOfTheOtherKind_IsReportedOnTheMethod(string attribute, string member, string located)
    {
        var diagnostics = await AssertRaisesAsync(Server(attribute, member), "DSK014", DiagnosticSeverity.Error, located);
        Assert.Contains("cannot be used on a " + attribute.Split('(', ']')[0] + "]", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task DSK014_ConnectionHookOnADatagramServer_IsReported() =>
        AssertRaisesAsync(Server("[UdpServer]", DatagramBody + "\n[OnConnect] public void Hello(EndPoint remote) { }"), "DSK014", DiagnosticSeverity.Error, "Hello");

    [Theory]
    [InlineData("[UdpServer]")]
    [InlineData("[UnixDatagramServer(\"/tmp/x\")]")]
    public Task DSK014_DatagramBodyOnADatagramServer_IsValid(string attribute) =>
        AssertValidAsync(Server(attribute, DatagramBody + "\n[OnError] public void Failed(Exception e, EndPoint sender) { }"));

    [Theory]
    [InlineData("[UnixStreamServer]", "UnixStreamServer")]
    [InlineData("[UnixDatagramServer]", "UnixDatagramServer")]
    [InlineData("[UnixStreamServer(Path = \" \")]", "Path = \" \"")]
    [InlineData("[UnixStreamServer(\"\")]", "UnixStreamServer(\"\")")]
    public Task DSK015_UnixServerWithoutPath_IsReported(string attribute, string located) =>
        AssertRaisesAsync(
            Server(attribute, attribute.Contains("Datagram", System.StringComparison.Ordinal) ? DatagramBody : LineBody),
            "DSK015", DiagnosticSeverity.Error, located);

    [Theory]
    [InlineData("[UnixStreamServer(\"/tmp/a.sock\")]")]
    [InlineData("[UnixStreamServer(Path = \"/tmp/a.sock\")]")]
    public Task DSK015_UnixServerWithPath_IsValid(string attribute) => AssertValidAsync(Server(attribute, LineBody));

    [Theory]
    [InlineData("[UdpServer(MaxPacketSize = 0)]", "MaxPacketSize = 0")]
    [InlineData("[UdpServer(MaxPacketSize = 65508)]", "MaxPacketSize = 65508")]
    [InlineData("[UnixDatagramServer(\"/tmp/x\", MaxPacketSize = -1)]", "MaxPacketSize = -1")]
    public Task DSK016_MaxPacketSizeOutOfRange_IsReportedOnTheArgument(string attribute, string located) =>
        AssertRaisesAsync(Server(attribute, DatagramBody), "DSK016", DiagnosticSeverity.Error, located);

    [Theory]
    [InlineData("[UdpServer(MaxPacketSize = 1)]")]
    [InlineData("[UdpServer(MaxPacketSize = 65507)]")]
    [InlineData("[UnixDatagramServer(\"/tmp/x\", MaxPacketSize = 100000)]")]
    public Task DSK016_MaxPacketSizeInRange_IsValid(string attribute) => AssertValidAsync(Server(attribute, DatagramBody));

    [Theory]
    [InlineData("[UnixStreamServer(\"/tmp/a.sock\", Forking = true)]", "UnixStreamServer")]
    [InlineData("[UnixDatagramServer(Path = \"/tmp/a.dgram\", Forking = true)]", "UnixDatagramServer")]
    public async Task DSK018_ForkingOnAUnixServer_IsReportedOnTheArgument(string attribute, string kind)
    {
        var diagnostics = await AssertRaisesAsync(
            Server(attribute, attribute.Contains("Datagram", System.StringComparison.Ordinal) ? DatagramBody : LineBody),
            "DSK018", DiagnosticSeverity.Error, "Forking = true");
        var message = diagnostics[0].GetMessage();
        Assert.Contains($"[{kind}]", message, System.StringComparison.Ordinal);
        Assert.Contains("SO_REUSEPORT", message, System.StringComparison.Ordinal);
        Assert.Contains("Threading", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[UnixStreamServer(\"/tmp/a.sock\", Forking = false)]")]
    [InlineData("[TcpServer(Forking = true)]")]
    public Task DSK018_ForkingOff_OrOnTcp_IsValid(string attribute) => AssertValidAsync(Server(attribute, LineBody));

    [Theory]
    [InlineData("[UdpServer(Forking = true)]")]
    [InlineData("[UdpServer(Forking = true, MaxChildren = 2)]")]
    public Task DSK018_ForkingOnUdp_IsValid(string attribute) => AssertValidAsync(Server(attribute, DatagramBody));

    [Fact]
    public Task DSK017_TwoServerAttributes_AreReportedOnTheClass() =>
        AssertRaisesAsync(Server("[TcpServer]\n[UdpServer]", LineBody), "DSK017", DiagnosticSeverity.Error, "Echo");

    [Theory]
    [InlineData("[VerifyRequest] public static bool Verify(EndPoint remote, Connection c) => true;")]
    [InlineData("[VerifyRequest] public static bool Verify() => true;")]
    [InlineData("[OnTimeout] public static void TimedOut() { }")]
    [InlineData("[ServiceActions(IntervalMs = 100)] public static void Tick() { }")]
    public Task ServerHooks_OfTheSupportedShapes_AreValid(string member) => AssertValidAsync(Server("[TcpServer]", LineBody + "\n" + member));

    [Theory]
    [InlineData("[TcpServer]", "[VerifyRequest] public bool Verify(EndPoint remote) => true;")]
    [InlineData("[TcpServer]", "[VerifyRequest] public static void Verify(EndPoint remote) { }")]
    [InlineData("[UdpServer]", "[VerifyRequest] public static bool Verify(Connection c) => true;")]
    [InlineData("[TcpServer]", "[OnTimeout] public void TimedOut() { }")]
    [InlineData("[TcpServer]", "[ServiceActions] public static void Tick(Connection c) { }")]
    public Task ServerHooks_OfOtherShapes_RaiseDSK009(string attribute, string member) =>
        AssertRaisesAsync(
            Server(attribute, (attribute == "[UdpServer]" ? DatagramBody : LineBody) + "\n" + member),
            "DSK009", DiagnosticSeverity.Error, member.Substring(member.IndexOf(' ', member.IndexOf("static", System.StringComparison.Ordinal) is var i and >= 0 ? i + 7 : member.IndexOf("public", System.StringComparison.Ordinal) + 7) + 1).Split('(')[0]);
}
