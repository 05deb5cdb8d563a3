using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Declarative.Sockets.Generators.Tests.Diagnostics.AnalyzerHarness;
using static Declarative.Sockets.Generators.Tests.Diagnostics.Sources;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>DSK001, DSK002, DSK003 and DSK011 from <c>ServerDeclarationAnalyzer</c>.</summary>
public sealed class ServerDeclarationDiagnosticsTests
{
    [Fact]
    public async Task DSK001_NonPartialServerClass_IsReportedOnItsIdentifier()
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", LineBody, modifiers: "public"), "DSK001", DiagnosticSeverity.Error, "Echo");
        Assert.Contains("'Echo'", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task DSK001_PartialServerClass_IsValid() =>
        AssertValidAsync(Server("[TcpServer]", LineBody));

    [Fact]
    public Task DSK001_NonPartialClassWithoutTcpServer_IsIgnored() =>
        AssertNoDiagnosticsAsync(Server(string.Empty, LineBody, modifiers: "public"));

    [Fact]
    public Task DSK002_NonPartialContainingType_IsReportedOnTheContainer() =>
        AssertRaisesAsync(Usings + """
            public class Outer
            {
                [TcpServer]
                public partial class Echo
                {
                    [OnLine] public string Reply(string line) => line;
                }
            }
            """, "DSK002", DiagnosticSeverity.Error, "Outer");

    [Fact]
    public Task DSK002_EveryNonPartialContainer_IsReported() =>
        AssertRaisesAsync(Usings + """
            public class Outermost
            {
                public partial class Middle
                {
                    public class Inner
                    {
                        [TcpServer]
                        public partial class Echo
                        {
                            [OnLine] public string Reply(string line) => line;
                        }
                    }
                }
            }
            """, "DSK002", DiagnosticSeverity.Error, new[] { "Outermost", "Inner" });

    [Fact]
    public Task DSK002_PartialContainingTypes_AreValid() =>
        AssertValidAsync(Usings + """
            public static partial class Outer
            {
                public partial class Middle
                {
                    [TcpServer]
                    public partial class Echo
                    {
                        [OnLine] public string Reply(string line) => line;
                    }
                }
            }
            """);

    [Fact]
    public Task DSK003_GenericServerClass_IsReportedOnItsIdentifier() =>
        AssertRaisesAsync(Usings + """
            [TcpServer]
            public partial class Echo<T>
            {
                [OnLine] public string Reply(string line) => line;
            }
            """, "DSK003", DiagnosticSeverity.Error, "Echo");

    [Fact]
    public async Task DSK003_GenericContainingType_IsReportedOnTheContainer()
    {
        var diagnostics = await AssertRaisesAsync(Usings + """
            public partial class Outer<TKey>
            {
                [TcpServer]
                public partial class Echo
                {
                    [OnLine] public string Reply(string line) => line;
                }
            }
            """, "DSK003", DiagnosticSeverity.Error, "Outer");
        Assert.Contains("'Outer<TKey>'", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task DSK003_NonGenericServerWithGenericHelper_IsValid() =>
        AssertValidAsync(Server("[TcpServer]", LineBody + "\n    public static T Identity<T>(T value) => value;"));

    [Theory]
    [InlineData("public abstract partial", "", "it is abstract")]
    [InlineData("public partial", "public Echo(int seed) { }", "it has no parameterless constructor")]
    public async Task DSK011_ClassThatCannotBeCreated_IsReportedOnItsIdentifier(string modifiers, string constructor, string reason)
    {
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", constructor + "\n    " + LineBody, modifiers), "DSK011", DiagnosticSeverity.Error, "Echo");
        Assert.Contains(reason, diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("new Echo()", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task DSK011_StaticClass_IsReported()
    {
        // A static class can only have static methods, which no handler attribute accepts (DSK009).
        var diagnostics = await AssertRaisesAsync(
            Server("[TcpServer]", "[OnLine] public static string Reply(string line) => line;", "public static partial"),
            "DSK011", DiagnosticSeverity.Error, new[] { "Echo" }, "DSK009");
        Assert.Contains("it is static", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public Echo() { } public Echo(int seed) { }")]
    [InlineData("private Echo() { } public Echo(int seed) { }")]
    [InlineData("")]
    public Task DSK011_ClassWithParameterlessConstructor_IsValid(string constructors) =>
        AssertValidAsync(Server("[TcpServer]", constructors + "\n    " + LineBody, "public sealed partial"));

    private static async Task AssertNoDiagnosticsAsync(string source)
    {
        var diagnostics = await AnalyzeAsync(TestCompilation.Create(source));
        Assert.True(diagnostics.IsEmpty, Describe(diagnostics));
    }
}
