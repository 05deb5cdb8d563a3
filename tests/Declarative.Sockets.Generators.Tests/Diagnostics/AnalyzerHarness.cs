using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Declarative.Sockets.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>Runs every analyzer over in-memory sources and checks what they report and what the generator does.</summary>
internal static class AnalyzerHarness
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new ServerDeclarationAnalyzer(),
        new ServerAttributeAnalyzer(),
        new HandlerMethodAnalyzer());

    /// <summary>
    /// The DSK diagnostics of all analyzers, in source order. Fails on analyzer exceptions (AD0001) and on a source
    /// that is not valid C#, so a test never passes because of a typo in its own code.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(compilerErrors.Count == 0, "The test source does not compile: " + string.Join("; ", compilerErrors));

        var all = await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        var crashes = all.Where(d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "An analyzer threw: " + string.Join("; ", crashes));

        return all.Where(d => d.Id.StartsWith("DSK", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>The source text a diagnostic points at.</summary>
    public static string LocatedText(Diagnostic diagnostic)
    {
        Assert.True(diagnostic.Location.IsInSource, $"{diagnostic.Id} has no source location.");
        return diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    /// <summary>
    /// Asserts that <paramref name="source"/> raises <paramref name="id"/> with <paramref name="severity"/> exactly at
    /// <paramref name="locatedTexts"/> (in source order), that the only other DSK ids are <paramref name="alsoExpected"/>,
    /// and that the generator does not throw and emits nothing for an error (and the server for a warning).
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AssertRaisesAsync(
        string source, string id, DiagnosticSeverity severity, string[] locatedTexts, params string[] alsoExpected)
    {
        var compilation = TestCompilation.Create(source);
        var diagnostics = await AnalyzeAsync(compilation);

        var raised = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(raised.Count > 0, $"{id} was not reported; got: {Describe(diagnostics)}");
        Assert.All(raised, d => Assert.Equal(severity, d.Severity));
        Assert.Equal(locatedTexts, raised.Select(LocatedText).ToArray());

        var expectedIds = alsoExpected.Append(id).Distinct().OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(expectedIds, diagnostics.Select(d => d.Id).Distinct().OrderBy(x => x, StringComparer.Ordinal));

        var (driver, _) = TestCompilation.RunGenerator(compilation);
        var generated = driver.GetRunResult().GeneratedTrees;
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.True(generated.IsEmpty, "The generator emitted code for an invalid server: " + string.Join(", ", generated.Select(t => t.FilePath)));
        }
        else
        {
            Assert.Single(generated);
        }

        return diagnostics;
    }

    /// <summary>Overload for one located text.</summary>
    public static Task<ImmutableArray<Diagnostic>> AssertRaisesAsync(
        string source, string id, DiagnosticSeverity severity, string locatedText, params string[] alsoExpected) =>
        AssertRaisesAsync(source, id, severity, new[] { locatedText }, alsoExpected);

    /// <summary>
    /// Asserts that <paramref name="source"/> raises no DSK diagnostic, that the generator emits one server for it,
    /// and that the generated code compiles without errors or warnings and raises nothing either.
    /// </summary>
    public static async Task AssertValidAsync(string source)
    {
        var compilation = TestCompilation.Create(source);
        var diagnostics = await AnalyzeAsync(compilation);
        Assert.True(diagnostics.IsEmpty, "Unexpected diagnostics: " + Describe(diagnostics));

        var (driver, output) = TestCompilation.RunGenerator(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(TestCompilation.CompileErrors(output));

        var afterGeneration = await output.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(afterGeneration);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        "[" + string.Join("; ", diagnostics.Select(d => $"{d.Id} at '{(d.Location.IsInSource ? LocatedText(d) : "?")}': {d.GetMessage()}")) + "]";

    /// <summary>The folder holding Declarative.sln, found by walking up from the test's output folder.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Declarative.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Declarative.sln not found above " + AppContext.BaseDirectory);
    }
}
