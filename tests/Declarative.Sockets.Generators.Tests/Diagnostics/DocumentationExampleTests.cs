using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>
/// The examples in docs/diagnostics.md are real: in each section the first C# block raises that section's ID and the
/// second (the fix) compiles, raises nothing and gets its server generated.
/// </summary>
public sealed class DocumentationExampleTests
{
    private const string Prelude = """
        using System;
        using System.Globalization;
        using System.Net;
        using System.Threading;
        using System.Threading.Tasks;
        using Declarative.Sockets;

        namespace Docs;

        """;

    public static IEnumerable<object[]> Sections() =>
        ReadSections().Select(s => new object[] { s.Id });

    private static List<(string Id, List<string> Blocks)> ReadSections()
    {
        var docs = File.ReadAllText(Path.Combine(AnalyzerHarness.RepoRoot(), "docs", "diagnostics.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var headings = Regex.Matches(docs, @"^## (DSK\d{3})\s*$", RegexOptions.Multiline);
        var sections = new List<(string, List<string>)>();
        for (var i = 0; i < headings.Count; i++)
        {
            var end = i + 1 < headings.Count ? headings[i + 1].Index : docs.Length;
            var text = docs.Substring(headings[i].Index, end - headings[i].Index);
            var blocks = Regex.Matches(text, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
            sections.Add((headings[i].Groups[1].Value, blocks));
        }

        return sections;
    }

    private static List<string> Blocks(string id)
    {
        var blocks = ReadSections().Single(s => s.Id == id).Blocks;
        Assert.True(blocks.Count == 2, $"The {id} section should have exactly a bad and a fixed example, has {blocks.Count} blocks.");
        return blocks;
    }

    [Fact]
    public void EveryDescriptor_HasADocumentedSection() =>
        Assert.Equal(Enumerable.Range(1, 23).Select(i => $"DSK{i:000}"), ReadSections().Select(s => s.Id));

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task BadExample_RaisesItsDiagnostic(string id)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(TestCompilation.Create(Prelude + Blocks(id)[0]));
        Assert.True(diagnostics.Length > 0 && diagnostics.All(d => d.Id == id), $"Expected only {id}; got {AnalyzerHarness.Describe(diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public Task FixedExample_IsValid(string id) =>
        AnalyzerHarness.AssertValidAsync(Prelude + Blocks(id)[1]);
}
