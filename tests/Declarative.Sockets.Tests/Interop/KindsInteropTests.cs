using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Declarative.Sockets.Tests.Infrastructure;

namespace Declarative.Sockets.Tests.Interop;

/// <summary>
/// The EchoUdp and EchoUnix samples' own binaries against clients nobody here wrote: <c>nc -u</c> and
/// <c>socat - UNIX-CONNECT:PATH</c>.
/// </summary>
public sealed class KindsInteropTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task NetcatUdp_datagram_comes_back()
    {
        var nc = ExternalTool.RequireNetcat();
        using var sample = await SampleProcess.StartEchoUdpAsync();
        Assert.Equal("127.0.0.1", sample.Host);

        // -u: one datagram per line read from stdin; -w 2: quit after 2 s without traffic (the reply arrives first).
        var result = await ToolRun.RunAsync(nc, ["-u", "-w", "2", "127.0.0.1", Port(sample)], ClientTimeout, stdin: "hello over udp\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello over udp\n", result.StandardOutput);
    }

    [Fact]
    public async Task EchoUdp_sigterm_exits_zero()
    {
        using var sample = await SampleProcess.StartEchoUdpAsync();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var server = new IPEndPoint(IPAddress.Loopback, sample.Port);
        await client.SendToAsync("ping"u8.ToArray(), SocketFlags.None, server);
        var buffer = new byte[64];
        using var deadline = new CancellationTokenSource(ClientTimeout);
        var received = await client.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        Assert.Equal("ping", Encoding.UTF8.GetString(buffer, 0, received));

        sample.Terminate();
        var exitCode = await sample.WaitForExitAsync(ExitTimeout);
        Assert.True(exitCode == 0, $"exit code {exitCode}.{sample.Describe()}");
    }

    [SkippableFact]
    public async Task Socat_unix_connect_lines_come_back_exactly()
    {
        var socat = ExternalTool.Require("socat", "apt-get install -y socat", "/usr/bin/socat");
        using var dir = new TempDir();
        var path = dir.File("echo.sock");
        using var sample = await SampleProcess.StartEchoUnixAsync(path);
        Assert.Equal(path, sample.Path);

        // -t: after stdin's EOF, wait up to 10 s for the server to close its side.
        var result = await ToolRun.RunAsync(socat, ["-t", "10", "-", $"UNIX-CONNECT:{path}"], ClientTimeout, stdin: "alpha\nbeta\n\nlast\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("alpha\nbeta\n\nlast\n", result.StandardOutput);
    }

    [Fact]
    public async Task EchoUnix_replaces_a_stale_file_and_removes_its_file_on_sigterm()
    {
        using var dir = new TempDir();
        var path = dir.File("echo.sock");
        using (var first = await SampleProcess.StartEchoUnixAsync(path))
        {
            first.Dispose(); // SIGKILL: the socket file stays behind
        }

        Assert.True(File.Exists(path));
        using var sample = await SampleProcess.StartEchoUnixAsync(path);
        using (var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await client.ConnectAsync(new UnixDomainSocketEndPoint(path)).WaitAsync(ClientTimeout);
            await client.SendAsync("ping\n"u8.ToArray(), SocketFlags.None);
            var buffer = new byte[64];
            using var deadline = new CancellationTokenSource(ClientTimeout);
            var received = await client.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            Assert.Equal("ping\n", Encoding.UTF8.GetString(buffer, 0, received));
        }

        sample.Terminate();
        var exitCode = await sample.WaitForExitAsync(ExitTimeout);
        Assert.True(exitCode == 0, $"exit code {exitCode}.{sample.Describe()}");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task EchoUnix_refuses_to_start_on_a_live_servers_path()
    {
        using var dir = new TempDir();
        var path = dir.File("echo.sock");
        using var live = await SampleProcess.StartEchoUnixAsync(path);

        var second = await ToolRun.RunAsync(RepoPaths.DotnetHost(), [RepoPaths.SampleDll("EchoUnix"), "--path", path], ClientTimeout);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"cannot listen on unix:{path}", second.StandardError, StringComparison.Ordinal);
        Assert.Contains("Another server is listening", second.StandardError, StringComparison.Ordinal);
    }

    private static string Port(SampleProcess sample) => sample.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
