using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>The <c>run</c> role: start every server, interleave the workloads over rounds, print the table.</summary>
internal static class Runner
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(RunOptions options)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var results = new Results();
        var running = new List<ServerProcess>();
        Log($"benchmarks: {(options.Quick ? "quick" : "full")} run, {options.Rounds} round(s), {Environment.ProcessorCount} cores, CLK_TCK {Tools.ClockTicks}");

        List<Workload> workloads = options.Workloads.ToList();
        if (Tools.RedisBenchmark is null)
        {
            results.Notes.Add("round-trip and pipelined workloads: redis-benchmark not found (apt-get install -y redis-tools)");
            workloads.RemoveAll(w => w.Kind == WorkloadKind.RedisBenchmark);
        }

        try
        {
            foreach (ServerSpec spec in options.Servers)
            {
                if (Tools.Missing(spec) is { } missing)
                {
                    results.SkippedServers[spec.Name] = missing;
                    Log($"skip {spec.Name}: {missing}");
                    continue;
                }

                try
                {
                    ServerProcess server = await ServerProcess.StartAsync(spec, StartDeadline);
                    running.Add(server);
                    Log($"started {spec.Name}: pid {server.Pid}, 127.0.0.1:{server.Port}");
                }
                catch (InvalidOperationException e)
                {
                    results.SkippedServers[spec.Name] = $"did not start: {e.Message}";
                    Log($"skip {spec.Name}: {e.Message}");
                }
            }

            await WarmUpAsync(running, workloads, options.Quick);

            // Idle memory first, on freshly warmed servers: after the load rounds, pages that pools and heaps already
            // hold would hide part of the growth.
            if (workloads.FirstOrDefault(w => w.Kind == WorkloadKind.Idle) is { } idle)
            {
                foreach (ServerProcess server in running)
                {
                    if (idle.SkipReason(server.Spec) is { } reason)
                    {
                        results.Notes.Add($"{server.Spec.Name} idle: {reason}");
                        continue;
                    }

                    await MeasureIdleAsync(server, idle, results);
                }
            }

            Workload[] rated = workloads.Where(w => w.Kind != WorkloadKind.Idle).ToArray();
            for (int round = 0; round < options.Rounds; round++)
            {
                Log($"round {round + 1}/{options.Rounds}");
                foreach (Workload workload in rated)
                {
                    // Round-robin: every server in turn, starting one further along each round.
                    for (int i = 0; i < running.Count; i++)
                    {
                        int index = (i + round) % running.Count;
                        if (running[index].HasExited)
                        {
                            running[index] = await RestartAsync(running[index], round, results);
                        }

                        ServerProcess server = running[index];
                        if (workload.SkipReason(server.Spec) is { } reason)
                        {
                            if (round == 0)
                            {
                                results.Notes.Add($"{server.Spec.Name} {workload.Name}: {reason}");
                            }

                            continue;
                        }

                        await MeasureAsync(server, workload, round, results);
                    }
                }
            }

            foreach (ServerProcess server in running)
            {
                if (server.HasExited)
                {
                    results.Notes.Add($"{server.Spec.Name}: the server process exited during the run");
                }
            }
        }
        finally
        {
            foreach (ServerProcess server in running)
            {
                server.Dispose();
            }

            ChildProcesses.KillAll();
        }

        string markdown = Report.Render(options, results, started, clock.Elapsed);
        Console.Out.WriteLine(markdown);
        if (options.OutFile is { } file)
        {
            await File.WriteAllTextAsync(file, markdown);
            Log($"table written to {file}");
        }

        return 0;
    }

    private static async Task WarmUpAsync(List<ServerProcess> running, List<Workload> workloads, bool quick)
    {
        Log("warm-up");
        foreach (ServerProcess server in running)
        {
            try
            {
                if (Tools.RedisBenchmark is not null)
                {
                    int c = server.Spec.Sequential ? 1 : 16;
                    await RedisBenchmark.RunAsync(server.Port, c, quick ? 5_000 : 20_000, 1, TimeSpan.FromSeconds(60));
                    if (!server.Spec.Sequential)
                    {
                        await RedisBenchmark.RunAsync(server.Port, 16, quick ? 10_000 : 50_000, 16, TimeSpan.FromSeconds(60));
                    }
                }

                if (!server.Spec.Sequential && server.Spec.RawEcho && workloads.Any(w => w.Kind == WorkloadKind.Bulk))
                {
                    await BulkClient.RunAsync(server.Port, 4, TimeSpan.FromMilliseconds(quick ? 200 : 1000));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                Log($"  warm-up of {server.Spec.Name} failed: {e.Message}");
            }
        }
    }

    private static async Task MeasureAsync(ServerProcess server, Workload workload, int round, Results results)
    {
        string label = $"  r{round + 1} {workload.Name,-5} {server.Spec.Name,-23}";
        if (server.HasExited)
        {
            results.Notes.Add($"{server.Spec.Name} {workload.Name} round {round + 1}: server process has exited");
            Log($"{label} server exited");
            return;
        }

        try
        {
            long before = server.CpuTicks();
            double rate;
            double units;
            if (workload.Kind == WorkloadKind.RedisBenchmark)
            {
                var timeout = TimeSpan.FromSeconds(30 + workload.Requests / 1000.0);
                try
                {
                    rate = await RedisBenchmark.RunAsync(server.Port, workload.Connections, workload.Requests, workload.Pipeline, timeout);
                }
                catch (InvalidOperationException e) when (!server.HasExited)
                {
                    // One retry: a lone redis-benchmark failure (seen once against redis-server itself) should not
                    // cost the round; the note keeps it visible.
                    results.Notes.Add($"{server.Spec.Name} {workload.Name} round {round + 1}: retried after: {e.Message}");
                    Log($"{label} retrying after: {e.Message}");
                    before = server.CpuTicks();
                    rate = await RedisBenchmark.RunAsync(server.Port, workload.Connections, workload.Requests, workload.Pipeline, timeout);
                }

                units = workload.Requests;
            }
            else
            {
                (long bytes, TimeSpan elapsed) = await BulkClient.RunAsync(server.Port, workload.Connections, workload.Duration);
                units = bytes / 1e6;
                rate = units / elapsed.TotalSeconds;
            }

            long after = server.CpuTicks();
            double cpu = (after - before) * 1e6 / Tools.ClockTicks / units;
            results.Add(server.Spec.Name, workload.Name, new Sample(rate, cpu));
            Log($"{label} {rate,12:N1} {workload.RateUnit}  {cpu,9:N1} {workload.CpuUnit}");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            results.Notes.Add($"{server.Spec.Name} {workload.Name} round {round + 1}: {e.Message}");
            Log($"{label} failed: {e.Message}");
        }
    }

    private static async Task MeasureIdleAsync(ServerProcess server, Workload idle, Results results)
    {
        string label = $"  idle  {server.Spec.Name,-23}";
        using var client = new IdleClient();
        try
        {
            await QuiesceAsync(server);
            long? heapBefore = await server.HeapBytesAsync();
            long rssBefore = server.RssBytes();
            var clock = Stopwatch.StartNew();
            await client.OpenAsync(server.Port, idle.Connections, redis: !server.Spec.RawEcho, TimeSpan.FromSeconds(120));
            TimeSpan opening = clock.Elapsed;
            await QuiesceAsync(server);
            long? heapAfter = await server.HeapBytesAsync();
            long rssAfter = server.RssBytes();
            double rss = (rssAfter - rssBefore) / (double)client.Count;
            double? heap = heapBefore is { } hb && heapAfter is { } ha ? (ha - hb) / (double)client.Count : null;
            results.Idle[server.Spec.Name] = new IdleSample(client.Count, rss, heap);
            Log($"{label} {client.Count} connections opened in {opening.TotalSeconds:0.0} s: {rss,8:N0} RSS B/conn, heap {(heap is { } h ? h.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "–")} B/conn");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            results.Notes.Add($"{server.Spec.Name} idle: {client.Count} of {idle.Connections} connections opened, then {e.GetType().Name}: {e.Message}");
            Log($"{label} failed after {client.Count} connections: {e.Message}");
        }
        finally
        {
            client.Dispose();
            await QuiesceAsync(server);
        }
    }

    /// <summary>
    /// A server that died (or was killed from outside: seen once, a stray SIGTERM to redis-server) is started again on
    /// a new port, once per round at most, and the table notes it.
    /// </summary>
    private static async Task<ServerProcess> RestartAsync(ServerProcess dead, int round, Results results)
    {
        string name = dead.Spec.Name;
        dead.Dispose();
        try
        {
            ServerProcess server = await ServerProcess.StartAsync(dead.Spec, StartDeadline);
            results.Notes.Add($"{name}: the server process exited during the run and was restarted (cold) in round {round + 1}");
            Log($"restarted {name}: pid {server.Pid}, 127.0.0.1:{server.Port}");
            return server;
        }
        catch (InvalidOperationException e)
        {
            results.Notes.Add($"{name}: exited during the run; restart failed: {e.Message}");
            return dead;
        }
    }

    /// <summary>Waits (at most 10 s) until the server has used no CPU for two 200 ms intervals in a row.</summary>
    private static async Task QuiesceAsync(ServerProcess server)
    {
        long last = server.CpuTicks();
        int quiet = 0;
        for (int i = 0; i < 50 && quiet < 2 && !server.HasExited; i++)
        {
            await Task.Delay(200);
            long now = server.CpuTicks();
            quiet = now - last <= 1 ? quiet + 1 : 0;
            last = now;
        }
    }

    private static void Log(string message) => Console.Error.WriteLine(message);
}
