using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>Renders a run's results as markdown.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(RunOptions options, Results results, DateTimeOffset started, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        IReadOnlyList<ServerSpec> servers = options.Servers.Where(s => !results.SkippedServers.ContainsKey(s.Name)).ToArray();
        Workload[] rated = options.Workloads.Where(w => w.Kind != WorkloadKind.Idle).ToArray();
        Workload? idle = options.Workloads.FirstOrDefault(w => w.Kind == WorkloadKind.Idle);

        md.AppendLine(Inv, $"Run of {started:yyyy-MM-dd HH:mm} UTC, {(options.Quick ? "quick" : "full")} ({options.Rounds} interleaved round{(options.Rounds == 1 ? "" : "s")}, medians), took {elapsed.TotalMinutes:0.0} min.");
        md.AppendLine();
        md.AppendLine(Inv, $"- Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
        md.AppendLine(Inv, $"- Command: `dotnet run -c Release --project tests/Declarative.Sockets.Benchmarks -- {options.CommandLine.Trim()}`");
        md.AppendLine(Inv, $"- Client and servers share the same {Environment.ProcessorCount} cores: compare only within one run. Ratios are this server / Kestrel (×K) and / raw (×raw); for req/s higher is better, for CPU lower is better.");
        md.AppendLine(Inv, $"- DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS: {Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") ?? "unset"} (same environment for every server).");
        md.AppendLine();

        // Overview: rows = server, one column per workload.
        md.Append("| server |");
        foreach (Workload w in rated)
        {
            md.Append(Inv, $" {w.Name} {w.RateUnit} · {w.CpuUnit} |");
        }

        if (idle is not null)
        {
            md.Append(" idle RSS B/conn · heap B/conn |");
        }

        md.AppendLine();
        md.Append("|---|");
        md.Append(string.Concat(Enumerable.Repeat("---:|", rated.Length + (idle is null ? 0 : 1))));
        md.AppendLine();
        foreach (ServerSpec s in servers)
        {
            md.Append(Inv, $"| {s.Name} |");
            foreach (Workload w in rated)
            {
                var m = results.Median(s.Name, w.Name);
                md.Append(m is { } v ? $" {Rate(v.Rate, w)} · {Cpu(v.Cpu)} |" : " – |");
            }

            if (idle is not null)
            {
                md.Append(results.Idle.TryGetValue(s.Name, out IdleSample i) ? $" {i.RssPerConnection.ToString("N0", Inv)} · {(i.HeapPerConnection is { } h ? h.ToString("N0", Inv) : "–")} |" : " – |");
            }

            md.AppendLine();
        }

        // One table per workload with ratios.
        foreach (Workload w in rated)
        {
            md.AppendLine();
            md.AppendLine(Inv, $"### {w.Name}: {w.Title}{Size(w)}");
            md.AppendLine();
            md.AppendLine(Inv, $"| server | {w.RateUnit} | ×K | ×raw | {w.CpuUnit} | ×K | ×raw | rounds |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            var k = results.Median(ServerSpec.Kestrel, w.Name);
            var r = results.Median(ServerSpec.Raw, w.Name);
            foreach (ServerSpec s in servers)
            {
                if (results.Median(s.Name, w.Name) is not { } m)
                {
                    continue;
                }

                md.AppendLine(Inv, $"| {s.Name} | {Rate(m.Rate, w)} | {Ratio(m.Rate, k?.Rate)} | {Ratio(m.Rate, r?.Rate)} | {Cpu(m.Cpu)} | {Ratio(m.Cpu, k?.Cpu)} | {Ratio(m.Cpu, r?.Cpu)} | {m.Count}/{options.Rounds} |");
            }
        }

        if (idle is not null && results.Idle.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(Inv, $"### idle: {idle.Connections:N0} open connections, each after one echo round trip (server RSS delta / connections; managed heap delta after a full GC for .NET servers)");
            md.AppendLine();
            md.AppendLine("| server | connections | RSS B/conn | ×K | ×raw | heap B/conn | ×K | ×raw |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            results.Idle.TryGetValue(ServerSpec.Kestrel, out IdleSample ki);
            results.Idle.TryGetValue(ServerSpec.Raw, out IdleSample ri);
            foreach (ServerSpec s in servers)
            {
                if (!results.Idle.TryGetValue(s.Name, out IdleSample i))
                {
                    continue;
                }

                string heap = i.HeapPerConnection is { } h ? h.ToString("N0", Inv) : "–";
                md.AppendLine(Inv, $"| {s.Name} | {i.Connections:N0} | {i.RssPerConnection:N0} | {Ratio(i.RssPerConnection, Nz(ki.RssPerConnection))} | {Ratio(i.RssPerConnection, Nz(ri.RssPerConnection))} | {heap} | {Ratio(i.HeapPerConnection, ki.HeapPerConnection)} | {Ratio(i.HeapPerConnection, ri.HeapPerConnection)} |");
            }
        }

        if (results.SkippedServers.Count > 0 || results.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Skipped or failed:");
            md.AppendLine();
            foreach ((string server, string reason) in results.SkippedServers)
            {
                md.AppendLine(Inv, $"- {server}: {reason}");
            }

            foreach (string note in results.Notes.Distinct())
            {
                md.AppendLine(Inv, $"- {note}");
            }
        }

        return md.ToString();
    }

    private static string Size(Workload w) => w.Kind switch
    {
        WorkloadKind.RedisBenchmark => string.Create(Inv, $" -n {w.Requests:N0} ECHO {Workload.EchoArgument} (32-byte requests)"),
        WorkloadKind.Bulk => string.Create(Inv, $" for {w.Duration.TotalSeconds:0} s"),
        _ => "",
    };

    private static string Rate(double value, Workload w) =>
        w.Kind == WorkloadKind.Bulk ? value.ToString("N1", Inv) : value.ToString("N0", Inv);

    private static string Cpu(double value) => value.ToString(value >= 100 ? "N0" : "N1", Inv);

    private static double? Nz(double value) => value == 0 ? null : value;

    private static string Ratio(double? value, double? reference) =>
        value is { } v && reference is { } r && r > 0 ? (v / r).ToString("0.00", Inv) : "–";

    private static string CpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return "unknown CPU";
    }
}
