using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Declarative.Sockets.Tests;

/// <summary>
/// The runtime's public surface is tracked in PublicApi/Declarative.Sockets.txt: a change to it shows up in review.
/// <c>dotnet test -p:UpdateBaselines=true</c> rewrites the file and fails, so nobody ships a change by accident.
/// </summary>
public sealed class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void PublicSurfaceMatchesTheTrackedList()
    {
        var actual = string.Join("\n", Describe(typeof(Connection).Assembly)) + "\n";
        var path = Path.Combine(RepoRoot.Path, "tests", "Declarative.Sockets.Tests", "PublicApi", "Declarative.Sockets.txt");

        if (RepoRoot.UpdateBaselines)
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"Rewrote {path}; run the tests again without UpdateBaselines.");
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : string.Empty;
        var missing = expected.Split('\n').Except(actual.Split('\n')).ToList();
        var added = actual.Split('\n').Except(expected.Split('\n')).ToList();
        Assert.True(missing.Count == 0 && added.Count == 0,
            "Public API changed (update with -p:UpdateBaselines=true):\n" +
            string.Join("\n", missing.Select(l => "- " + l).Concat(added.Select(l => "+ " + l))));
    }

    private static string[] Describe(Assembly assembly) =>
        assembly.GetExportedTypes()
            .SelectMany(type => new[] { "type " + type.FullName }.Concat(
                type.GetMembers(Declared)
                    .Where(IsVisible)
                    .Select(m => $"{type.FullName}: {m.MemberType} {m}")))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName || m is ConstructorInfo { IsPublic: true } or ConstructorInfo { IsFamily: true },
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetMethod is { } g && (g.IsPublic || g.IsFamily) || p.SetMethod is { } s && (s.IsPublic || s.IsFamily),
        EventInfo e => e.AddMethod is { IsPublic: true },
        Type t => t.IsNestedPublic || t.IsNestedFamily,
        _ => false,
    };
}
