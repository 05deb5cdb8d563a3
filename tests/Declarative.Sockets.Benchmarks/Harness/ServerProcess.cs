using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>One server running as a child process on 127.0.0.1 and a free port.</summary>
internal sealed class ServerProcess : IDisposable
{
    private const int MaxForwardedLines = 20;
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<long> _heap = Channel.CreateUnbounded<long>();
    private int _forwarded;
    private bool _disposed;

    private ServerProcess(ServerSpec spec, Process process)
    {
        Spec = spec;
        _process = process;
    }

    public ServerSpec Spec { get; }

    public int Port { get; private set; }

    public int Pid => _process.Id;

    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>Lines the server wrote to standard error beyond the forwarded ones.</summary>
    public int SuppressedLines => Math.Max(0, _forwarded - MaxForwardedLines);

    public static async Task<ServerProcess> StartAsync(ServerSpec spec, TimeSpan deadline)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        int redisPort = 0;
        switch (spec.Kind)
        {
            case ServerKind.Dotnet:
                SelfCommand(info);
                info.ArgumentList.Add("serve");
                info.ArgumentList.Add(spec.Name);
                info.ArgumentList.Add("--port");
                info.ArgumentList.Add("0");
                break;
            case ServerKind.Python:
                info.FileName = Tools.Python;
                info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "peers", spec.Script!));
                break;
            case ServerKind.Redis:
                redisPort = FreePort();
                info.FileName = Tools.RedisServer!;
                foreach (string a in new[] { "--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxclients", "12000", "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning" })
                {
                    info.ArgumentList.Add(a);
                }

                break;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(spec, process);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.Forward(e.Data);
        process.Start();
        ChildProcesses.Track(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            using var timeout = new CancellationTokenSource(deadline);
            if (spec.Kind == ServerKind.Redis)
            {
                await WaitConnectableAsync(redisPort, process, timeout.Token);
                server.Port = redisPort;
            }
            else
            {
                server.Port = await server._listening.Task.WaitAsync(timeout.Token);
            }
        }
        catch (Exception e)
        {
            server.Dispose();
            throw new InvalidOperationException(
                process.HasExited ? $"exited with code {process.ExitCode} before listening" : $"no listening line within {deadline.TotalSeconds:0} s ({e.GetType().Name})");
        }

        return server;
    }

    /// <summary>utime + stime of the whole process, in clock ticks.</summary>
    public long CpuTicks()
    {
        string stat = File.ReadAllText($"/proc/{Pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Resident set size in bytes.</summary>
    public long RssBytes()
    {
        foreach (string line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                string kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS");
    }

    /// <summary>The managed heap after a full collection (our serve role only), or null.</summary>
    public async Task<long?> HeapBytesAsync()
    {
        if (!Spec.Managed)
        {
            return null;
        }

        while (_heap.Reader.TryRead(out _))
        {
        }

        await _process.StandardInput.WriteLineAsync("heap");
        await _process.StandardInput.FlushAsync();
        try
        {
            return await _heap.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }

        ChildProcesses.Kill(_process);
        _process.Dispose();
    }

    /// <summary>How to start this very program again: the apphost, or <c>dotnet path.dll</c>.</summary>
    private static void SelfCommand(ProcessStartInfo info)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        string dll = Path.Combine(AppContext.BaseDirectory, typeof(ServerProcess).Assembly.GetName().Name + ".dll");
        info.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(dll);
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static async Task WaitConnectableAsync(int port, Process process, CancellationToken token)
    {
        while (true)
        {
            token.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException("exited");
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, token);
            }
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        const string listening = "listening on ";
        if (line.StartsWith(listening, StringComparison.Ordinal))
        {
            string endpoint = line[listening.Length..].Trim();
            int port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            _listening.TrySetResult(port);
        }
        else if (line.StartsWith("heap ", StringComparison.Ordinal))
        {
            _heap.Writer.TryWrite(long.Parse(line[5..], CultureInfo.InvariantCulture));
        }
        else
        {
            Forward(line);
        }
    }

    private void Forward(string? line)
    {
        if (line is null)
        {
            return;
        }

        int n = Interlocked.Increment(ref _forwarded);
        if (n <= MaxForwardedLines)
        {
            Console.Error.WriteLine($"  [{Spec.Name}] {line}");
        }
        else if (n == MaxForwardedLines + 1)
        {
            Console.Error.WriteLine($"  [{Spec.Name}] (further output suppressed)");
        }
    }
}
