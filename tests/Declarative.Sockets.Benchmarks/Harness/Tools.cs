using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>The external tools the harness needs, found once.</summary>
internal static class Tools
{
    /// <summary>Debian's python3: python3-twisted is importable only there (a pyenv python3 may be first on PATH).</summary>
    public const string Python = "/usr/bin/python3";

    public static string? RedisServer { get; } = Which("redis-server");

    public static string? RedisBenchmark { get; } = Which("redis-benchmark");

    public static bool HasPython { get; } = File.Exists(Python);

    public static bool HasTwisted { get; } = HasPython && Run(Python, "-c", "import twisted") is not null;

    /// <summary>Clock ticks per second of /proc/PID/stat (getconf CLK_TCK; 100 almost everywhere).</summary>
    public static int ClockTicks { get; } =
        int.TryParse(Run("getconf", "CLK_TCK")?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int ticks) && ticks > 0 ? ticks : 100;

    /// <summary>Why <paramref name="server"/> cannot run here, or null.</summary>
    public static string? Missing(ServerSpec server) => server.Kind switch
    {
        ServerKind.Python when !HasPython => $"{Python} not found",
        ServerKind.Python when server.Script == "twisted_echo.py" && !HasTwisted => $"Twisted not importable by {Python} (apt-get install -y python3-twisted)",
        ServerKind.Redis when RedisServer is null => "redis-server not found (apt-get install -y redis-server)",
        _ => null,
    };

    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static string? Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
