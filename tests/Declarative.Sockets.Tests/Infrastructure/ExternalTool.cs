using System;
using System.IO;

namespace Declarative.Sockets.Tests.Infrastructure;

/// <summary>
/// Finds external programs (nc, python3, clang, ...) for interop tests. A missing tool skips the test locally with
/// its reason, but fails it when the environment variable <c>CI</c> is <c>true</c>: CI installs every tool first.
/// </summary>
public static class ExternalTool
{
    /// <summary>True when running under CI (<c>CI=true</c>, case-insensitive).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The full path of a required tool (the first of <paramref name="preferredPaths"/> that exists, else
    /// <paramref name="name"/> on PATH). Skips the test when it is missing, or fails it under CI.
    /// </summary>
    public static string Require(string name, string why, params string[] preferredPaths)
    {
        foreach (var preferred in preferredPaths)
        {
            if (File.Exists(preferred))
            {
                return preferred;
            }
        }

        var found = Find(name);
        if (found is not null)
        {
            return found;
        }

        var reason = $"'{name}' is not installed ({why}); CI installs it with .ci/run";
        if (IsCi)
        {
            throw new InvalidOperationException($"CI=true but {reason}");
        }

        Skip.If(true, reason);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Python 3: /usr/bin/python3 when present (the Debian one, not a pyenv shim), else python3 on PATH.</summary>
    public static string RequirePython3() => Require("python3", "python3 socket client", "/usr/bin/python3");

    /// <summary>netcat-openbsd (<c>nc</c> with <c>-N</c>).</summary>
    public static string RequireNetcat() => Require("nc", "apt-get install -y netcat-openbsd", "/usr/bin/nc");

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
