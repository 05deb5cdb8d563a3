using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Declarative.Sockets.Generators.Tests.Incremental;

/// <summary>
/// The pipeline caches: an edit that does not touch a server leaves every tracked step Cached or Unchanged and the
/// source output Cached; step outputs hold no symbols, syntax or compilations; an attribute edit flows through.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string ServerSource = """
        using Declarative.Sockets;

        namespace App;

        [TcpServer(Port = 9000)]
        public partial class EchoServer
        {
            [OnLine] public string Reply(string line) => line;

            [OnDisconnect] public void Closed(DisconnectReason reason) { }
        }

        [UnixStreamServer("/tmp/echo.sock")]
        public partial class UnixEchoServer
        {
            [OnLine] public string Reply(string line) => line;
        }

        [UdpServer(Port = 9002)]
        public partial class UdpEchoServer
        {
            [OnDatagram] public byte[] Reply(System.ReadOnlySpan<byte> packet) => packet.ToArray();
        }

        [UnixDatagramServer("/tmp/echo.dgram")]
        public partial class UnixDatagramEchoServer
        {
            [OnDatagram] public string Reply(string packet) => packet;
        }
        """;

    private const string EchoHint = "App.EchoServer.g.cs";

    private const int ServerCount = 4;

    private const string UnrelatedSource = """
        namespace App;

        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    /// <summary>Every step name the generator tracks, read from the <see cref="TrackingNames"/> constants.</summary>
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void TrackingNames_CoverTheModelSteps()
    {
        Assert.Contains(TrackingNames.TcpServers, StepNames);
        Assert.Contains(TrackingNames.ValidTcpServers, StepNames);
        Assert.Contains(TrackingNames.UnixStreamServers, StepNames);
        Assert.Contains(TrackingNames.ValidUnixStreamServers, StepNames);
        Assert.Contains(TrackingNames.UdpServers, StepNames);
        Assert.Contains(TrackingNames.ValidUdpServers, StepNames);
        Assert.Contains(TrackingNames.UnixDatagramServers, StepNames);
        Assert.Contains(TrackingNames.ValidUnixDatagramServers, StepNames);
        Assert.Equal(StepNames.Length, StepNames.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void AddingAnUnrelatedSyntaxTree_CachesEveryStep()
    {
        var compilation = TestCompilation.Create(ServerSource, UnrelatedSource);
        var (driver, _) = TestCompilation.RunGenerator(compilation, trackSteps: true);

        var edited = compilation.AddSyntaxTrees(Parse("namespace Other; internal sealed class Unrelated { public int Value { get; set; } }", "Added.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void EditingAMethodBodyInAnUnrelatedFile_CachesEveryStep()
    {
        var compilation = TestCompilation.Create(ServerSource, UnrelatedSource);
        var (driver, _) = TestCompilation.RunGenerator(compilation, trackSteps: true);

        var edited = ReplaceTree(compilation, 1, UnrelatedSource.Replace("x * 2", "x + x", StringComparison.Ordinal));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void EditingAHandlerBodyOfTheServer_LeavesTheModelUnchanged()
    {
        // The server's own file changes, so the transform runs again; the model must compare equal and stop the edit there.
        var compilation = TestCompilation.Create(ServerSource, UnrelatedSource);
        var (driver, _) = TestCompilation.RunGenerator(compilation, trackSteps: true);

        var edited = ReplaceTree(compilation, 0, ServerSource.Replace("=> line;", "=> line.ToUpperInvariant();", StringComparison.Ordinal));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void StepOutputs_HoldNoSymbolsSyntaxOrCompilations()
    {
        var compilation = TestCompilation.Create(ServerSource, UnrelatedSource);
        var (driver, _) = TestCompilation.RunGenerator(compilation, trackSteps: true);
        var edited = compilation.AddSyntaxTrees(Parse("namespace Other; internal sealed class Unrelated { }", "Added.cs"));

        foreach (var result in new[] { driver.GetRunResult().Results.Single(), driver.RunGenerators(edited).GetRunResult().Results.Single() })
        {
            var walked = 0;
            var findings = new List<string>();
            foreach (var name in StepNames)
            {
                foreach (var (step, stepIndex) in StepsNamed(result, name).Select((s, i) => (s, i)))
                {
                    foreach (var ((value, _), outputIndex) in step.Outputs.Select((o, i) => (o, i)))
                    {
                        walked++;
                        findings.AddRange(ForbiddenObjectWalker.FindForbidden(value, $"{name}[{stepIndex}].Outputs[{outputIndex}]"));
                    }
                }
            }

            Assert.True(walked >= StepNames.Length, $"Expected an output for every tracked step; walked {walked}.");
            Assert.True(findings.Count == 0, "Step outputs reference compilation-bound objects:" + Environment.NewLine + string.Join(Environment.NewLine, findings));
        }
    }

    [Fact]
    public void ForbiddenObjectWalker_FindsWhatItLooksFor()
    {
        var tree = Parse("class C { }", "C.cs");
        var graph = new Holder("C", new object[] { 1, new Holder("nested", tree.GetRoot().GetLocation()) });

        var findings = ForbiddenObjectWalker.FindForbidden(graph);

        var finding = Assert.Single(findings);
        Assert.Contains("Location", finding, StringComparison.Ordinal);
        Assert.Empty(ForbiddenObjectWalker.FindForbidden(new Holder("clean", new object[] { "a", 2, new Holder("b", null) })));
    }

    [Fact]
    public void EditingTheAttribute_ModifiesTheModelAndTheOutput()
    {
        var compilation = TestCompilation.Create(ServerSource, UnrelatedSource);
        var (driver, _) = TestCompilation.RunGenerator(compilation, trackSteps: true);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == EchoHint);

        var edited = ReplaceTree(compilation, 0, ServerSource.Replace("Port = 9000", "Port = 9001", StringComparison.Ordinal));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var name in new[] { TrackingNames.TcpServers, TrackingNames.ValidTcpServers })
        {
            var reasons = StepsNamed(second, name).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.Equal(new[] { IncrementalStepRunReason.Modified }, reasons);
        }

        var outputReasons = SourceOutputs(second).Select(o => o.Reason).Where(r => r != IncrementalStepRunReason.Cached).ToList();
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, outputReasons);

        var after = second.GeneratedSources.Single(s => s.HintName == EchoHint);
        Assert.Equal(before.HintName, after.HintName);
        Assert.NotEqual(before.SourceText.ToString(), after.SourceText.ToString());
        Assert.Contains("Port = 9001,", after.SourceText.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Port = 9000,", after.SourceText.ToString(), StringComparison.Ordinal);
    }

    private static void AssertAllCached(GeneratorRunResult result)
    {
        Assert.Null(result.Exception);
        var unexpected = new List<string>();
        foreach (var name in StepNames)
        {
            var steps = StepsNamed(result, name);
            Assert.True(steps.Count > 0, $"Step {name} did not run (is its tracking name still applied?).");
            foreach (var (_, reason) in steps.SelectMany(s => s.Outputs))
            {
                if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                {
                    unexpected.Add($"{name}: {reason}");
                }
            }
        }

        var outputs = SourceOutputs(result);
        Assert.NotEmpty(outputs);
        unexpected.AddRange(outputs.Where(o => o.Reason != IncrementalStepRunReason.Cached).Select(o => $"source output: {o.Reason}"));
        Assert.True(unexpected.Count == 0, "Expected every output Cached or Unchanged (source output Cached); got " + string.Join(", ", unexpected));
        Assert.Equal(ServerCount, result.GeneratedSources.Length);
    }

    private static IReadOnlyList<IncrementalGeneratorRunStep> StepsNamed(GeneratorRunResult result, string name) =>
        result.TrackedSteps.TryGetValue(name, out var steps) ? steps : Array.Empty<IncrementalGeneratorRunStep>();

    private static List<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();

    private static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: path);

    private static CSharpCompilation ReplaceTree(CSharpCompilation compilation, int index, string newSource)
    {
        var old = compilation.SyntaxTrees[index];
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(newSource)));
    }

    private sealed record Holder(string Name, object? Payload);
}
