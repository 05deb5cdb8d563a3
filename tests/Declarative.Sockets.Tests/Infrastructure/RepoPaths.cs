using System;
using System.IO;

namespace Declarative.Sockets.Tests.Infrastructure;

/// <summary>Paths of the repository and of its built samples, found from this test assembly's output directory.</summary>
public static class RepoPaths
{
    private const string TargetFramework = "net10.0";

    /// <summary>The directory that holds <c>Declarative.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The build configuration of this test assembly (<c>Debug</c>, <c>Release</c>, ...): the directory above
    /// <c>net10.0</c> in <c>bin/&lt;Configuration&gt;/net10.0/</c>.
    /// </summary>
    public static string Configuration { get; } = FindConfiguration();

    /// <summary>The sample's framework-dependent <c>&lt;name&gt;.dll</c> built in <see cref="Configuration"/>.</summary>
    public static string SampleDll(string name) =>
        Path.Combine(Root, "samples", name, "bin", Configuration, TargetFramework, name + ".dll");

    /// <summary>The sample's project directory.</summary>
    public static string SampleProject(string name) => Path.Combine(Root, "samples", name);

    /// <summary>The dotnet host running the tests (<c>DOTNET_HOST_PATH</c> under <c>dotnet test</c>), else <c>dotnet</c>.</summary>
    public static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Declarative.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Declarative.sln above {AppContext.BaseDirectory}");
    }

    private static string FindConfiguration()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (string.Equals(framework.Name, TargetFramework, StringComparison.OrdinalIgnoreCase) && framework.Parent is { } configuration)
        {
            return configuration.Name;
        }
#if DEBUG
        return "Debug";
#else
        return "Release";
#endif
    }
}
