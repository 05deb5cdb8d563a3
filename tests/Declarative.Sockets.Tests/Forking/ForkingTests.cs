using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Declarative.Sockets.Tests.Infrastructure;

namespace Declarative.Sockets.Tests.Forking;

/// <summary>
/// The EchoForking (TCP, MaxChildren = 3) and EchoForkingUdp (MaxChildren = 2) samples' own binaries: a supervisor
/// process and its worker processes sharing one port through SO_REUSEPORT. Every test kills the supervisor and
/// every worker pid it learned in <c>finally</c>; every wait has a deadline.
/// </summary>
public sealed partial class ForkingTests
{
    private const int TcpWorkers = 3;
    private const int UdpWorkers = 2;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ForkingTcp_three_sequential_clients_echo()
    {
        var workers = new HashSet<int>();
        SampleProcess? supervisor = null;
        try
        {
            supervisor = await StartTcpAsync();
            await WorkersStartedAsync(supervisor, workers, TcpWorkers);
            for (var i = 1; i <= 3; i++)
            {
                await using var client = await LineClient.ConnectAsync(EndPoint(supervisor));
                Assert.Equal($"hello from client {i}", await client.RequestAsync($"hello from client {i}"));
                Assert.Equal($"and a second line {i}", await client.RequestAsync($"and a second line {i}"));
            }

            supervisor.Terminate();
            var exitCode = await supervisor.WaitForExitAsync(ExitTimeout);
            Assert.True(exitCode == 0, $"exit code {exitCode}.{supervisor.Describe()}");
        }
        finally
        {
            Cleanup(supervisor, workers);
        }
    }

    [Fact]
    public async Task ForkingUdp_three_sequential_clients_echo()
    {
        var workers = new HashSet<int>();
        SampleProcess? supervisor = null;
        try
        {
            supervisor = await SampleProcess.StartDotnetAsync(RepoPaths.SampleDll("EchoForkingUdp"), ["--port", "0"], SampleProcess.DefaultStartTimeout);
            await WorkersStartedAsync(supervisor, workers, UdpWorkers);
            var server = new IPEndPoint(IPAddress.Loopback, supervisor.Port);
            var pids = new HashSet<int>();
            for (var i = 1; i <= 3; i++)
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                Assert.Equal($"datagram {i}", await UdpRequestAsync(client, server, $"datagram {i}"));
                pids.Add(int.Parse(await UdpRequestAsync(client, server, "pid"), CultureInfo.InvariantCulture));
            }

            workers.UnionWith(pids);
            Assert.True(pids.IsSubsetOf(WorkerPids(supervisor)), $"pid answers {string.Join(",", pids)} are not the supervisor's workers.{supervisor.Describe()}");

            supervisor.Terminate();
            var exitCode = await supervisor.WaitForExitAsync(ExitTimeout);
            Assert.True(exitCode == 0, $"exit code {exitCode}.{supervisor.Describe()}");
            await AllGoneAsync(workers);
        }
        finally
        {
            Cleanup(supervisor, workers);
        }
    }

    [Fact]
    public async Task Connections_are_spread_over_more_than_one_worker()
    {
        var workers = new HashSet<int>();
        SampleProcess? supervisor = null;
        var clients = new List<LineClient>();
        try
        {
            supervisor = await StartTcpAsync();
            await WorkersStartedAsync(supervisor, workers, TcpWorkers);
            var pids = await OpenAsync(supervisor, clients, 20);
            workers.UnionWith(pids.Values);

            var distinct = pids.Values.Distinct().ToList();
            Assert.True(distinct.Count >= 2, $"20 connections were all served by worker {string.Join(",", distinct)}.{supervisor.Describe()}");
            Assert.True(distinct.ToHashSet().IsSubsetOf(WorkerPids(supervisor)), $"pid answers {string.Join(",", distinct)} are not the supervisor's workers.{supervisor.Describe()}");
            Assert.DoesNotContain(supervisor.Id, distinct);
        }
        finally
        {
            await DisposeAllAsync(clients);
            Cleanup(supervisor, workers);
        }
    }

    [Fact]
    public async Task Crash_takes_only_its_worker_and_a_replacement_starts()
    {
        var workers = new HashSet<int>();
        SampleProcess? supervisor = null;
        var clients = new List<LineClient>();
        try
        {
            supervisor = await StartTcpAsync();
            await WorkersStartedAsync(supervisor, workers, TcpWorkers);
            var pids = await OpenAsync(supervisor, clients, 20);
            workers.UnionWith(pids.Values);
            var original = pids.Values.ToHashSet();
            Assert.True(original.Count >= 2, $"all 20 connections went to one worker; cannot show isolation.{supervisor.Describe()}");

            var victim = pids.First();
            var victimPid = victim.Value;
            await victim.Key.SendLineAsync("crash");
            Assert.True(await victim.Key.IsClosedByServerAsync(), "the crashing worker's connection stayed open");
            await GoneAsync(victimPid);

            // Every connection to another worker goes on echoing.
            var survivors = pids.Where(p => p.Value != victimPid).ToList();
            Assert.NotEmpty(survivors);
            foreach (var (client, pid) in survivors)
            {
                Assert.Equal($"still served by {pid}", await client.RequestAsync($"still served by {pid}"));
                Assert.Equal(pid.ToString(CultureInfo.InvariantCulture), await client.RequestAsync("pid"));
            }

            // The supervisor starts a replacement: a pid nobody answered before turns up on new connections.
            var deadline = DateTime.UtcNow + WorkerTimeout;
            int? replacement = null;
            while (replacement is null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"no replacement worker answered within {WorkerTimeout}.{supervisor.Describe()}");
                await using var probe = await LineClient.ConnectAsync(EndPoint(supervisor));
                var pid = int.Parse(await probe.RequestAsync("pid"), CultureInfo.InvariantCulture);
                workers.Add(pid);
                if (!original.Contains(pid))
                {
                    replacement = pid;
                }
            }

            Assert.Contains(replacement.Value, WorkerPids(supervisor));
            Assert.Contains($"worker {victimPid} exited", supervisor.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            await DisposeAllAsync(clients);
            Cleanup(supervisor, workers);
        }
    }

    [Fact]
    public async Task Sigterm_to_the_supervisor_exits_zero_and_stops_every_worker()
    {
        var workers = new HashSet<int>();
        SampleProcess? supervisor = null;
        var clients = new List<LineClient>();
        try
        {
            supervisor = await StartTcpAsync();
            await WorkersStartedAsync(supervisor, workers, TcpWorkers);
            var pids = await OpenAsync(supervisor, clients, 10);
            workers.UnionWith(pids.Values);

            supervisor.Terminate();
            var exitCode = await supervisor.WaitForExitAsync(ExitTimeout);
            Assert.True(exitCode == 0, $"exit code {exitCode}.{supervisor.Describe()}");
            workers.UnionWith(WorkerPids(supervisor));
            await AllGoneAsync(workers);
        }
        finally
        {
            await DisposeAllAsync(clients);
            Cleanup(supervisor, workers);
        }
    }

    [Fact]
    public async Task Sigkill_to_the_supervisor_leaves_no_orphan_worker()
    {
        var workers = new HashSet<int>();
        SampleProcess? supervisor = null;
        try
        {
            supervisor = await StartTcpAsync();
            await WorkersStartedAsync(supervisor, workers, TcpWorkers);
            await using (var client = await LineClient.ConnectAsync(EndPoint(supervisor)))
            {
                workers.Add(int.Parse(await client.RequestAsync("pid"), CultureInfo.InvariantCulture));
            }

            Assert.Equal(0, kill(supervisor.Id, Sigkill));
            await supervisor.WaitForExitAsync(ExitTimeout);

            // Nobody signals the workers: each sees end of file on its standard input and stops by itself.
            await AllGoneAsync(workers);
        }
        finally
        {
            Cleanup(supervisor, workers);
        }
    }

    private static Task<SampleProcess> StartTcpAsync() =>
        SampleProcess.StartDotnetAsync(RepoPaths.SampleDll("EchoForking"), ["--port", "0"], SampleProcess.DefaultStartTimeout);

    private static IPEndPoint EndPoint(SampleProcess supervisor) => new(IPAddress.Loopback, supervisor.Port);

    /// <summary>The pids of the supervisor's "forking: worker PID started" lines.</summary>
    private static HashSet<int> WorkerPids(SampleProcess supervisor) =>
        WorkerStarted().Matches(supervisor.StandardError).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    private static async Task WorkersStartedAsync(SampleProcess supervisor, HashSet<int> workers, int count)
    {
        await Wait.UntilAsync(() => WorkerPids(supervisor).Count >= count, $"{count} 'worker PID started' lines", WorkerTimeout);
        workers.UnionWith(WorkerPids(supervisor));
    }

    /// <summary>Opens <paramref name="count"/> connections at once and asks each for its worker's pid.</summary>
    private static async Task<Dictionary<LineClient, int>> OpenAsync(SampleProcess supervisor, List<LineClient> clients, int count)
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => LineClient.ConnectAsync(EndPoint(supervisor))));
        clients.AddRange(opened);
        var pids = new Dictionary<LineClient, int>();
        foreach (var client in opened)
        {
            pids[client] = int.Parse(await client.RequestAsync("pid"), CultureInfo.InvariantCulture);
        }

        return pids;
    }

    private static async Task<string> UdpRequestAsync(Socket client, EndPoint server, string text)
    {
        await client.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, server);
        var buffer = new byte[256];
        using var deadline = new CancellationTokenSource(WorkerTimeout);
        var received = await client.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        return Encoding.UTF8.GetString(buffer, 0, received);
    }

    private static Task GoneAsync(int pid) =>
        Wait.UntilAsync(() => !IsAlive(pid), $"worker {pid} to exit", WorkerTimeout);

    private static async Task AllGoneAsync(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            await GoneAsync(pid);
        }
    }

    /// <summary>Alive means /proc/PID exists and is not a zombie (an orphan's zombie may wait for a PID 1 that never reaps).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task DisposeAllAsync(List<LineClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>Kills the supervisor (with its tree) and every worker pid learned that still runs one of our samples.</summary>
    private static void Cleanup(SampleProcess? supervisor, HashSet<int> workers)
    {
        supervisor?.Dispose();
        foreach (var pid in workers)
        {
            if (IsAlive(pid) && IsOurSample(pid))
            {
                _ = kill(pid, Sigkill);
            }
        }
    }

    private static bool IsOurSample(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("EchoForking", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private const int Sigkill = 9;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a test helper; no source-generated marshalling needed
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054

    [GeneratedRegex(@"forking: worker (\d+) started")]
    private static partial Regex WorkerStarted();
}
