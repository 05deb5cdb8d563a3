using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Declarative.Sockets.Generators.Tests.Diagnostics.AnalyzerHarness;
using static Declarative.Sockets.Generators.Tests.Diagnostics.Sources;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>DSK004, DSK005, DSK006 and DSK013 from <c>ServerAttributeAnalyzer</c>.</summary>
public sealed class ServerAttributeDiagnosticsTests
{
    [Theory]
    [InlineData("Port = 70000", "70000")]
    [InlineData("Port = 65536", "65536")]
    [InlineData("Port = -1", "-1")]
    [InlineData("Host = \"0.0.0.0\", Port = int.MaxValue", "2147483647")]
    public async Task DSK004_PortOutsideRange_IsReportedOnTheArgument(string arguments, string port)
    {
        var argument = arguments.Substring(arguments.IndexOf("Port", System.StringComparison.Ordinal));
        var diagnostics = await AssertRaisesAsync(
            Server($"[TcpServer({arguments})]", LineBody), "DSK004", DiagnosticSeverity.Error, argument);
        Assert.Equal($"Port {port} is outside 0..65535", diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("Port = 65535")]
    [InlineData("Port = 0")]
    [InlineData("Port = 9000")]
    public Task DSK004_PortInRange_IsValid(string arguments) =>
        AssertValidAsync(Server($"[TcpServer({arguments})]", LineBody));

    [Theory]
    [InlineData("Port = 80")]
    [InlineData("Port = 1")]
    [InlineData("Port = 1023")]
    public async Task DSK005_PrivilegedPort_IsAWarningOnTheArgument_AndTheServerIsStillGenerated(string arguments)
    {
        var diagnostics = await AssertRaisesAsync(
            Server($"[TcpServer({arguments})]", LineBody), "DSK005", DiagnosticSeverity.Warning, arguments);
        Assert.Contains("CAP_NET_BIND_SERVICE", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task DSK005_FirstUnprivilegedPort_IsValid() =>
        AssertValidAsync(Server("[TcpServer(Port = 1024)]", LineBody));

    [Theory]
    [InlineData("Threading = true, Sequential = true", "Sequential = true")]
    [InlineData("Sequential = true, Port = 9000, Threading = true", "Threading = true")]
    public async Task DSK006_TwoConcurrencyModes_AreReportedOnTheSecondMode(string arguments, string located)
    {
        var diagnostics = await AssertRaisesAsync(
            Server($"[TcpServer({arguments})]", LineBody), "DSK006", DiagnosticSeverity.Error, located);
        Assert.Contains("(Threading, Sequential)", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Forking = true, Threading = true", "Threading = true", "(Threading, Forking)")]
    [InlineData("Sequential = true, Forking = true", "Forking = true", "(Sequential, Forking)")]
    [InlineData("Threading = true, Sequential = true, Forking = true", "Forking = true", "(Threading, Sequential, Forking)")]
    public async Task DSK006_Forking_CountsAsAConcurrencyMode(string arguments, string located, string listed)
    {
        var diagnostics = await AssertRaisesAsync(
            Server($"[TcpServer({arguments})]", LineBody), "DSK006", DiagnosticSeverity.Error, located);
        Assert.Contains(listed, diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Forking = true")]
    [InlineData("Forking = true, MaxChildren = 4")]
    [InlineData("Forking = false, Threading = true")]
    public Task DSK006_ForkingAlone_IsValid(string arguments) =>
        AssertValidAsync(Server($"[TcpServer({arguments})]", LineBody));

    [Theory]
    [InlineData("Threading = true, Sequential = false")]
    [InlineData("Threading = true")]
    [InlineData("Sequential = true")]
    public Task DSK006_OneConcurrencyMode_IsValid(string arguments) =>
        AssertValidAsync(Server($"[TcpServer({arguments})]", LineBody));

    [Theory]
    [InlineData("Backlog = 0")]
    [InlineData("Backlog = -5")]
    public Task DSK013_BacklogNotPositive_IsReportedOnTheArgument(string arguments) =>
        AssertRaisesAsync(Server($"[TcpServer({arguments})]", LineBody), "DSK013", DiagnosticSeverity.Error, arguments);

    [Fact]
    public Task DSK013_BacklogOfOne_IsValid() =>
        AssertValidAsync(Server("[TcpServer(Backlog = 1)]", LineBody));

    [Theory]
    [InlineData("IdleTimeoutMs = -1")]
    [InlineData("MaxConnections = -2")]
    [InlineData("MaxConnectionsPerPeer = -1")]
    [InlineData("MaxReadBytesPerSecond = -100")]
    public Task DSK023_NegativeLimit_IsReportedOnTheArgument(string arguments) =>
        AssertRaisesAsync(Server($"[TcpServer({arguments})]", LineBody), "DSK023", DiagnosticSeverity.Error, arguments);

    [Fact]
    public Task DSK023_ZeroAndPositiveLimits_AreValid() =>
        AssertValidAsync(Server("[TcpServer(IdleTimeoutMs = 0, MaxConnections = 10, MaxConnectionsPerPeer = 2, MaxReadBytesPerSecond = 1024)]", LineBody));

    [Fact]
    public Task SeveralAttributeErrors_AreAllReported() =>
        AssertRaisesAsync(
            Server("[TcpServer(Port = 100000, Backlog = 0, Threading = true, Sequential = true)]", LineBody),
            "DSK004", DiagnosticSeverity.Error, "Port = 100000", "DSK013", "DSK006");
}
