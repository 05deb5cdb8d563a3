using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace Declarative.Sockets.Generators.Tests.Baselines;

/// <summary>
/// Hand-kept baselines of generated source (Verify is not served here). The expected files of test <c>T</c> live in
/// <c>tests/Declarative.Sockets.Generators.Tests/Baselines/T/&lt;HintName&gt;.txt</c> in the source tree.
/// <c>dotnet test -p:UpdateBaselines=true</c> rewrites them and fails the test, so an update is never a silent pass.
/// </summary>
internal static class BaselineVerifier
{
    /// <summary>What the generator version is replaced with in baselines, so a version bump changes no baseline.</summary>
    public const string VersionToken = "{generator-version}";

    private const string BaselineExtension = ".txt";
    private const int DiffContextLines = 3;

    private static readonly Regex GeneratorVersion = new(
        "(GeneratedCode(?:Attribute)?\\(\"Declarative\\.Sockets\\.Generators\", \")[^\"]*(\"\\))",
        RegexOptions.CultureInvariant);

    /// <summary>True when the test assembly was built with <c>-p:UpdateBaselines=true</c>.</summary>
    public static bool UpdateMode { get; } = ReadUpdateSwitch();

    /// <summary>The folder holding this project's baselines in the source tree.</summary>
    public static string BaselineRoot { get; } = Path.Combine(
        FindRepositoryRoot(), "tests", "Declarative.Sockets.Generators.Tests", "Baselines");

    /// <summary>Compares every generated file of <paramref name="result"/> with the baselines of <paramref name="testName"/>.</summary>
    public static void Verify(string testName, GeneratorDriverRunResult result)
    {
        var generated = result.Results
            .SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => Normalize(s.SourceText.ToString()), StringComparer.Ordinal);
        Verify(testName, generated);
    }

    /// <summary>Compares <paramref name="generated"/> (hint name to text) with the baselines of <paramref name="testName"/>.</summary>
    public static void Verify(string testName, IReadOnlyDictionary<string, string> generated)
    {
        var folder = Path.Combine(BaselineRoot, testName);
        if (UpdateMode)
        {
            Update(folder, generated);
            throw new XunitException(
                $"Baselines of {testName} were rewritten in {folder} because the tests were built with UpdateBaselines=true. " +
                "Review them (git diff), then run the tests again without the switch.");
        }

        if (!Directory.Exists(folder))
        {
            throw new XunitException(
                $"No baselines for {testName} at {folder}. Create them with `dotnet test -p:UpdateBaselines=true` and review them.");
        }

        var expected = Directory.EnumerateFiles(folder, "*" + BaselineExtension)
            .ToDictionary(
                f => Path.GetFileName(f)[..^BaselineExtension.Length],
                f => Normalize(File.ReadAllText(f)),
                StringComparer.Ordinal);

        var report = new StringBuilder();
        var missing = expected.Keys.Except(generated.Keys, StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var extra = generated.Keys.Except(expected.Keys, StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            report.AppendLine("Baselined but no longer generated: " + string.Join(", ", missing));
        }

        if (extra.Count > 0)
        {
            report.AppendLine("Generated but not baselined: " + string.Join(", ", extra));
        }

        foreach (var hintName in expected.Keys.Intersect(generated.Keys, StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal))
        {
            if (!string.Equals(expected[hintName], generated[hintName], StringComparison.Ordinal))
            {
                report.AppendLine($"--- {testName}/{hintName}{BaselineExtension} (baseline)");
                report.AppendLine($"+++ {hintName} (generated)");
                report.Append(UnifiedDiff(expected[hintName], generated[hintName]));
            }
        }

        if (report.Length > 0)
        {
            throw new XunitException(
                $"Generated output of {testName} differs from its baselines. If the change is intended, run " +
                "`dotnet test -p:UpdateBaselines=true`, review the rewritten files and commit them." +
                Environment.NewLine + report);
        }
    }

    /// <summary>Scrubs the generator version and normalises line endings to <c>\n</c>.</summary>
    public static string Normalize(string text) =>
        GeneratorVersion.Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), "${1}" + VersionToken + "${2}");

    /// <summary>A unified-style diff of two texts: changed lines prefixed - and +, with a few lines of context.</summary>
    public static string UnifiedDiff(string expected, string actual)
    {
        var lines = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines;
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type is ChangeType.Inserted or ChangeType.Deleted or ChangeType.Modified)
            {
                for (var j = Math.Max(0, i - DiffContextLines); j <= Math.Min(lines.Count - 1, i + DiffContextLines); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var builder = new StringBuilder();
        var skipping = false;
        var expectedLine = 0;
        var actualLine = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var inExpected = line.Type is not ChangeType.Inserted;
            var inActual = line.Type is not ChangeType.Deleted;
            if (inExpected)
            {
                expectedLine++;
            }

            if (inActual)
            {
                actualLine++;
            }

            if (!keep[i])
            {
                skipping = true;
                continue;
            }

            if (skipping || i == 0)
            {
                builder.Append("@@ baseline line ").Append(expectedLine).Append(", generated line ").Append(actualLine).Append(" @@\n");
                skipping = false;
            }

            var prefix = line.Type switch
            {
                ChangeType.Inserted => "+",
                ChangeType.Deleted => "-",
                _ => " ",
            };
            builder.Append(prefix).Append(line.Text).Append('\n');
        }

        return builder.ToString();
    }

    private static void Update(string folder, IReadOnlyDictionary<string, string> generated)
    {
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, "*" + BaselineExtension))
        {
            File.Delete(stale);
        }

        foreach (var (hintName, text) in generated)
        {
            File.WriteAllText(Path.Combine(folder, hintName + BaselineExtension), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    private static bool ReadUpdateSwitch() =>
        typeof(BaselineVerifier).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Any(a => a.Key == "UpdateBaselines" && string.Equals(a.Value, "true", StringComparison.OrdinalIgnoreCase));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Declarative.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding Declarative.sln above {AppContext.BaseDirectory}.");
    }
}
