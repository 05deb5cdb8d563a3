using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Declarative.Sockets.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>Every descriptor is reported by an analyzer, documented, and tracked for release.</summary>
public sealed class DescriptorCatalogTests
{
    private const string HelpLinkBase = "https://github.com/declarative-sockets/declarative/blob/main/docs/diagnostics.md#";

    public static IEnumerable<object[]> Ids => Descriptors().Select(d => new object[] { d.Id });

    private static List<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors().Single(d => d.Id == id);

    [Fact]
    public void Ids_AreDSK001ToDSK023_WithoutGapsOrDuplicates()
    {
        var expected = Enumerable.Range(1, 23).Select(i => $"DSK{i:000}");
        Assert.Equal(expected, Descriptors().Select(d => d.Id));
    }

    [Fact]
    public void EveryDescriptor_IsSupportedByExactlyOneAnalyzer()
    {
        var supported = AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(Descriptors().Select(d => d.Id), supported);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasCategoryHelpLinkAndIsEnabled(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Equal("Declarative.Sockets", descriptor.Category);
        Assert.Equal(HelpLinkBase + id.ToLowerInvariant(), descriptor.HelpLinkUri);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.Equal(id == "DSK005" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, descriptor.DefaultSeverity);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IsDocumented_UnderItsAnchor_WithItsSeverity(string id)
    {
        var docs = File.ReadAllText(Path.Combine(AnalyzerHarness.RepoRoot(), "docs", "diagnostics.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var descriptor = Descriptor(id);

        // "## DSK001" renders with the anchor #dsk001 that the help link points at.
        var heading = Regex.Match(docs, $"^## {id}\\s*$", RegexOptions.Multiline);
        Assert.True(heading.Success, $"docs/diagnostics.md has no '## {id}' heading.");

        var next = docs.IndexOf("\n## ", heading.Index + heading.Length, StringComparison.Ordinal);
        var section = next < 0 ? docs.Substring(heading.Index) : docs.Substring(heading.Index, next - heading.Index);
        Assert.Contains($"**Severity:** {descriptor.DefaultSeverity}", section, StringComparison.Ordinal);
        Assert.Contains(descriptor.Title.ToString(), section, StringComparison.Ordinal);
        Assert.True(Regex.Matches(section, "```csharp").Count >= 2, $"The {id} section needs a bad and a fixed example.");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IsListedInUnshippedReleases(string id)
    {
        var path = Path.Combine(AnalyzerHarness.RepoRoot(), "generators", "Declarative.Sockets.Generators", "AnalyzerReleases.Unshipped.md");
        var descriptor = Descriptor(id);
        var rows = File.ReadAllLines(path)
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length == 4 && cells[0] == id)
            .ToList();

        var row = Assert.Single(rows);
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
    }
}
