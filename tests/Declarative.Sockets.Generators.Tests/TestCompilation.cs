using System;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Declarative.Sockets.Generators.Tests;

/// <summary>In-memory compilations of user code against .NET 10 reference assemblies plus the runtime library.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(TcpServerAttribute).Assembly.Location))
            .ToImmutableArray();

    /// <summary>A compilation of <paramref name="sources"/> (each one syntax tree) as a library.</summary>
    public static CSharpCompilation Create(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the generator; returns the driver (for its results) and the output compilation.</summary>
    public static (GeneratorDriver Driver, Compilation Output) RunGenerator(CSharpCompilation compilation, bool trackSteps = false)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ServerGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        if (!diagnostics.IsEmpty)
        {
            throw new InvalidOperationException("Generator reported: " + string.Join("; ", diagnostics));
        }

        var exceptions = driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Exception!).ToList();
        if (exceptions.Count > 0)
        {
            throw new AggregateException("The generator threw.", exceptions);
        }

        return (driver, output);
    }

    /// <summary>Compiler errors and warnings of the output compilation (generated code included).</summary>
    public static ImmutableArray<Diagnostic> CompileErrors(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}
