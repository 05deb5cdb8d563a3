using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Declarative.Sockets.Tests;

/// <summary>The source tree the tests were built from, and the baseline-update switch.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>True under <c>dotnet test -p:UpdateBaselines=true</c>.</summary>
    public static bool UpdateBaselines { get; } =
        typeof(RepoRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Any(a => a.Key == "UpdateBaselines" && string.Equals(a.Value, "true", StringComparison.OrdinalIgnoreCase));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Declarative.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Declarative.sln not found above " + AppContext.BaseDirectory);
    }
}
