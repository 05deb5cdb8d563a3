using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Infrastructure;

/// <summary>
/// A sample server running as a child process: started with <c>--port 0</c>, ready once it printed
/// <c>listening on HOST:PORT</c>, killed (with its process tree) on dispose if it is still running.
/// </summary>
public sealed partial class SampleProcess : IDisposable
{
    /// <summary>How long a sample may take to print its listening line.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Match> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(ProcessStartInfo startInfo)
    {
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnStdout(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException(
            $"the sample exited before listening (exit code {SafeExitCode()}).{Describe()}"));
    }

    /// <summary>The host the sample printed.</summary>
    public string Host { get; private set; } = string.Empty;

    /// <summary>The port the sample printed (the one the system chose for <c>--port 0</c>).</summary>
    public int Port { get; private set; }

    /// <summary>The Unix socket path the sample printed (<c>listening on unix:PATH</c>), else empty.</summary>
    public string Path { get; private set; } = string.Empty;

    /// <summary>The child process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the child exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the child printed on standard output so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything the child printed on standard error so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet Echo.dll --port 0</c> (the sample built with this test assembly's configuration).</summary>
    public static Task<SampleProcess> StartEchoAsync(CancellationToken cancellationToken = default) =>
        StartDotnetAsync(RepoPaths.SampleDll("Echo"), ["--port", "0"], DefaultStartTimeout, cancellationToken);

    /// <summary>Starts <c>dotnet EchoUdp.dll --port 0</c>.</summary>
    public static Task<SampleProcess> StartEchoUdpAsync(CancellationToken cancellationToken = default) =>
        StartDotnetAsync(RepoPaths.SampleDll("EchoUdp"), ["--port", "0"], DefaultStartTimeout, cancellationToken);

    /// <summary>Starts <c>dotnet EchoUnix.dll --path PATH</c>.</summary>
    public static Task<SampleProcess> StartEchoUnixAsync(string path, CancellationToken cancellationToken = default) =>
        StartDotnetAsync(RepoPaths.SampleDll("EchoUnix"), ["--path", path], DefaultStartTimeout, cancellationToken);

    /// <summary>Starts a framework-dependent app with the dotnet host that runs the tests.</summary>
    public static Task<SampleProcess> StartDotnetAsync(string dll, IReadOnlyList<string> args, TimeSpan startTimeout, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"sample not built: {dll} (build the solution in the same configuration as the tests)", dll);
        }

        var arguments = new List<string> { dll };
        arguments.AddRange(args);
        return StartAsync(RepoPaths.DotnetHost(), arguments, startTimeout, cancellationToken);
    }

    /// <summary>Starts <paramref name="fileName"/> and waits until it prints its listening line.</summary>
    public static async Task<SampleProcess> StartAsync(string fileName, IReadOnlyList<string> args, TimeSpan startTimeout, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var sample = new SampleProcess(startInfo);
        try
        {
            sample._process.Start();
            sample._process.BeginOutputReadLine();
            sample._process.BeginErrorReadLine();
            Match match;
            try
            {
                match = await sample._listening.Task.WaitAsync(startTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"'{fileName}' printed no 'listening on HOST:PORT' (or unix:PATH) line within {startTimeout}.{sample.Describe()}");
            }

            if (match.Groups["path"].Success)
            {
                sample.Path = match.Groups["path"].Value;
            }
            else
            {
                sample.Host = match.Groups["host"].Value;
                sample.Port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            return sample;
        }
        catch
        {
            sample.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGTERM to the child.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the child to exit and returns its exit code; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the sample did not exit within {timeout}.{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the child and its descendants if still running.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>The child's output, for failure messages.</summary>
    public string Describe() =>
        $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{StandardOutput}--- stderr ---{Environment.NewLine}{StandardError}";

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(match);
        }
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a test helper; no source-generated marshalling needed
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054

    [GeneratedRegex(@"^listening on (?:unix:(?<path>.+)|(?<host>.+):(?<port>\d+))$")]
    private static partial Regex ListeningLine();
}
