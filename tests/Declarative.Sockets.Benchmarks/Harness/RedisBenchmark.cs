using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>
/// The load client nobody here wrote: <c>redis-benchmark -h 127.0.0.1 -p PORT -c C -n N [-P K] --csv ECHO 01234567890</c>
/// (32-byte requests; an echo server's reply is the request itself, which redis-benchmark accepts as the reply).
/// </summary>
internal static class RedisBenchmark
{
    /// <summary>Requests per second as redis-benchmark reports it; throws with its output when it fails.</summary>
    public static async Task<double> RunAsync(int port, int connections, int requests, int pipeline, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Tools.RedisBenchmark!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-n", requests.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        if (pipeline > 1)
        {
            info.ArgumentList.Add("-P");
            info.ArgumentList.Add(pipeline.ToString(CultureInfo.InvariantCulture));
        }

        info.ArgumentList.Add("--csv");
        info.ArgumentList.Add("ECHO");
        info.ArgumentList.Add(Workload.EchoArgument);

        using Process process = Process.Start(info)!;
        ChildProcesses.Track(process);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            ChildProcesses.Kill(process);
            throw new InvalidOperationException($"redis-benchmark did not finish within {timeout.TotalSeconds:0} s");
        }

        ChildProcesses.Kill(process);
        string output = await stdout;
        string errors = await stderr;
        // CSV: "test","rps","avg_latency_ms",...  then  "ECHO 01234567890","38535.64",...
        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("\"ECHO", StringComparison.Ordinal))
            {
                string[] fields = line.Split(',');
                if (fields.Length > 1 && double.TryParse(fields[1].Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out double rps) && rps > 0)
                {
                    return rps;
                }
            }
        }

        throw new InvalidOperationException($"redis-benchmark exited {process.ExitCode} without a result (stdout: {Last(output)}; stderr: {Last(errors)})");
    }

    private static string Last(string text)
    {
        text = text.Replace('\r', '\n').Trim();
        return text.Length > 300 ? text[^300..] : text;
    }
}
