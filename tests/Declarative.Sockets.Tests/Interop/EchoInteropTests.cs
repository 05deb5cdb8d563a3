using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Declarative.Sockets.Tests.Infrastructure;

namespace Declarative.Sockets.Tests.Interop;

/// <summary>
/// The Echo sample's own binary (<c>dotnet Echo.dll --port 0</c>) against clients nobody here wrote:
/// netcat-openbsd, socat and python3's socket module.
/// </summary>
public sealed class EchoInteropTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Netcat_lines_come_back_exactly()
    {
        var nc = ExternalTool.RequireNetcat();
        using var sample = await SampleProcess.StartEchoAsync();

        // -N: shut down the sending side at end of input, then read until the server closes; -w: idle deadline.
        var result = await ToolRun.RunAsync(nc, ["-N", "-w", "10", "127.0.0.1", Port(sample)], ClientTimeout, stdin: "hello\nworld\n\nlast line\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello\nworld\n\nlast line\n", result.StandardOutput);
    }

    [SkippableFact]
    public async Task Netcat_crlf_lines_come_back_with_lf_only()
    {
        var nc = ExternalTool.RequireNetcat();
        using var sample = await SampleProcess.StartEchoAsync();

        var result = await ToolRun.RunAsync(nc, ["-N", "-w", "10", "127.0.0.1", Port(sample)], ClientTimeout, stdin: "one\r\ntwo\r\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("one\ntwo\n", result.StandardOutput);
    }

    [SkippableFact]
    public async Task Socat_lines_come_back_exactly()
    {
        var socat = ExternalTool.Require("socat", "apt-get install -y socat", "/usr/bin/socat");
        using var sample = await SampleProcess.StartEchoAsync();

        // -t: after stdin's EOF, wait up to 10 s for the server to close its side.
        var result = await ToolRun.RunAsync(socat, ["-t", "10", "-", $"TCP:127.0.0.1:{Port(sample)}"], ClientTimeout, stdin: "alpha\nbeta\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("alpha\nbeta\n", result.StandardOutput);
    }

    [SkippableFact]
    public async Task Python_socket_client_gets_every_line_back_and_crlf_is_stripped()
    {
        var python = ExternalTool.RequirePython3();
        using var sample = await SampleProcess.StartEchoAsync();

        // Several lines in several writes: one split across two sends, one CRLF, one empty, one non-ASCII (UTF-8).
        const string Script = """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
            for chunk in [b"first\n", b"spl", b"it\n", b"crlf line\r\n", b"\n", "caf\u00e9\n".encode("utf-8"), b"a\nb\nc\n"]:
                s.sendall(chunk)
            s.shutdown(socket.SHUT_WR)
            data = b""
            while True:
                part = s.recv(65536)
                if not part:
                    break
                data += part
            s.close()
            sys.stdout.write(data.hex())
            """;
        var result = await ToolRun.RunAsync(python, ["-c", Script, Port(sample)], ClientTimeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        var echoed = Encoding.UTF8.GetString(Convert.FromHexString(result.StandardOutput.Trim()));
        Assert.Equal("first\nsplit\ncrlf line\n\ncafé\na\nb\nc\n", echoed);
    }

    /// <summary>
    /// The listening line means "ready": a supervisor may send SIGTERM the moment it sees it, before any client came.
    /// Ten starts in a row, each signalled as soon as it printed the line, so a window between printing it and
    /// installing the signal handlers shows up as exit code 143 (killed by SIGTERM) rather than as a rare flake.
    /// </summary>
    [Fact]
    public async Task Sigterm_right_after_the_listening_line_exits_zero()
    {
        const int Runs = 10;
        var failures = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            using var sample = await SampleProcess.StartEchoAsync();
            sample.Terminate();
            var exitCode = await sample.WaitForExitAsync(ExitTimeout);
            if (exitCode != 0)
            {
                failures.Add($"run {i}: exit code {exitCode}{(exitCode == 143 ? " (killed by SIGTERM: no handler installed yet)" : string.Empty)}.{sample.Describe()}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Runs} runs failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public async Task Sigterm_with_an_idle_client_connected_exits_zero_and_closes_the_client()
    {
        using var sample = await SampleProcess.StartEchoAsync();
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(ClientTimeout);
        await client.ConnectAsync("127.0.0.1", sample.Port, deadline.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("ping\n"u8.ToArray(), deadline.Token);
        var buffer = new byte[64];
        var received = await ReadUntilAsync(stream, buffer, (byte)'\n', deadline.Token);
        Assert.Equal("ping\n", Encoding.UTF8.GetString(buffer, 0, received));

        sample.Terminate();

        var exitCode = await sample.WaitForExitAsync(ExitTimeout);
        Assert.True(exitCode == 0, $"exit code {exitCode}.{sample.Describe()}");
        var tail = await stream.ReadAsync(buffer, deadline.Token);
        Assert.Equal(0, tail); // the server closed the connection on its way out
    }

    private static string Port(SampleProcess sample) => sample.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task<int> ReadUntilAsync(NetworkStream stream, byte[] buffer, byte last, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total == 0 || buffer[total - 1] != last)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
