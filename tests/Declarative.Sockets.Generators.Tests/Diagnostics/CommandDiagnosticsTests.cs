using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Declarative.Sockets.Generators.Tests.Diagnostics.AnalyzerHarness;
using static Declarative.Sockets.Generators.Tests.Diagnostics.Sources;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>Command servers: DSK020, DSK021, DSK022, and DSK008/DSK009/DSK014 as they apply to [Command] methods and hooks.</summary>
public sealed class CommandDiagnosticsTests
{
    private const string Enum = "\n    public enum Color { Red, Green }";

    [Theory]
    [InlineData("[Command(\"GET\")] public string Get(string key) => key;\n    [Command(\"SET\")] public string Set(string key, string value) => value;")]
    [InlineData("[Command(\"GET\", CaseSensitive = true)] public string Get(string key) => key;\n    [Command(\"get\", CaseSensitive = true)] public string Fetch(string key) => key;")]
    [InlineData("[Command(\"ALL\")] public string All(string s, int i, long l, double d, decimal m, bool b, Color c, Connection conn, CancellationToken t, EndPoint e, params string[] rest) => s;" + Enum)]
    [InlineData("[Command(\"OPT\")] public Task<string> Opt(int n = 1, string? s = null, Color c = Color.Green) => Task.FromResult(\"\");" + Enum)]
    [InlineData("[Command(\"NUM\")] public void Num(double a = double.NaN, double b = double.NegativeInfinity, double c = 1e300, long d = long.MinValue, decimal e = -0.5m, int f = int.MinValue) { }")]
    [InlineData("[Command(\"ARR\")] public void Arr(int n, string[] rest, Connection c) { }")]
    [InlineData("[Command(\"A\")] public void A() { }\n    [OnUnknownCommand] public string U(string name, string line, Connection c) => name;\n    [OnCommandError] public ValueTask<string> E(string command, string message) => new(message);")]
    public Task ValidCommandServers_RaiseNothing(string members) =>
        AssertValidAsync(Server("[TcpServer]", members));

    [Theory]
    [InlineData("[Command(\"GET\")] public string Get(string key) => key;\n    [Command(\"get\")] public string Fetch(string key) => key;", "\"get\"")]
    [InlineData("[Command(\"GET\", CaseSensitive = true)] public string Get(string key) => key;\n    [Command(\"get\")] public string Fetch(string key) => key;", "\"get\"")]
    [InlineData("[Command(\"GET\")] public string Get(string key) => key;\n    [Command(\"GET\", CaseSensitive = true)] public string Fetch(string key) => key;", "\"GET\"")]
    public async Task DSK020_DuplicateCommandName_IsReportedOnTheSecondName(string members, string located)
    {
        var diagnostics = await AssertRaisesAsync(Server("[TcpServer]", members), "DSK020", DiagnosticSeverity.Error, located);
        Assert.Contains("'Get'", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Command(\"AT\")] public string At(DateTime when) => \"\";", "when")]
    [InlineData("[Command(\"AT\")] public string At(string key, ReadOnlySpan<char> when) => \"\";", "when")]
    [InlineData("[Command(\"AT\")] public string At(params int[] when) => \"\";", "when")]
    [InlineData("[Command(\"AT\")] public string At(out int when) { when = 0; return \"\"; }", "when")]
    public async Task DSK021_UnsupportedParameterType_IsReportedOnTheParameter(string members, string parameter)
    {
        var diagnostics = await AssertRaisesAsync(Server("[TcpServer]", members), "DSK021", DiagnosticSeverity.Error, parameter);
        Assert.Contains("string, int, long, double, decimal, bool", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Command(\"MSET\")] public string Set(string[] keys, int ttl) => \"\";", "ttl")]
    [InlineData("[Command(\"MSET\")] public string Set(string[] keys, params string[] more) => \"\";", "more")]
    public Task DSK022_WordParameterAfterTheArray_IsReportedOnIt(string members, string parameter) =>
        AssertRaisesAsync(Server("[TcpServer]", members), "DSK022", DiagnosticSeverity.Error, parameter);

    [Fact]
    public Task DSK008_CommandBesideAnOnLineBody_IsReported() =>
        AssertRaisesAsync(Server("[TcpServer]", LineBody + "\n    [Command(\"GET\")] public string Get(string key) => key;"), "DSK008", DiagnosticSeverity.Error, "Get");

    [Theory]
    [InlineData("[Command(\"GET\")] public static string Get(string key) => key;")]
    [InlineData("[Command(\"GET\")] public byte[] Get(string key) => new byte[0];")]
    [InlineData("[Command(\"GET\")] public string Get(Connection a, Connection b) => \"\";")]
    public Task DSK009_UnsupportedCommandSignature_IsReported(string members) =>
        AssertRaisesAsync(Server("[TcpServer]", members), "DSK009", DiagnosticSeverity.Error, "Get");

    [Fact]
    public Task DSK014_CommandHookWithoutCommands_IsReported() =>
        AssertRaisesAsync(Server("[TcpServer]", LineBody + "\n    [OnUnknownCommand] public string Unknown(string name) => name;"), "DSK014", DiagnosticSeverity.Error, "Unknown");

    [Fact]
    public Task DSK014_CommandOnADatagramServer_IsReported() =>
        AssertRaisesAsync(Server("[UdpServer]", "[Command(\"GET\")] public string Get(string key) => key;"), "DSK014", DiagnosticSeverity.Error, "Get");
}
