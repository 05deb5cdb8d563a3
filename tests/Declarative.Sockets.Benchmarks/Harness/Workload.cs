using System;
using System.Collections.Generic;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>What a workload measures.</summary>
internal enum WorkloadKind
{
    /// <summary>redis-benchmark ECHO round trips (optionally pipelined).</summary>
    RedisBenchmark,

    /// <summary>Our large-write client: MB/s echoed.</summary>
    Bulk,

    /// <summary>Memory per idle connection.</summary>
    Idle,
}

/// <summary>One workload and its size for this run.</summary>
internal sealed record Workload(string Name, WorkloadKind Kind, string Title, int Connections, int Requests = 0, int Pipeline = 1, TimeSpan Duration = default)
{
    /// <summary>The 32-byte request redis-benchmark sends: <c>*2\r\n$4\r\nECHO\r\n$11\r\n01234567890\r\n</c>.</summary>
    public const string EchoArgument = "01234567890";

    /// <summary>Every workload, sized for a quick or a full run.</summary>
    public static IReadOnlyList<Workload> All(bool quick, int? idleConnections = null) => new[]
    {
        RoundTrips("c1", 1, quick ? 5_000 : 50_000),
        RoundTrips("c16", 16, quick ? 10_000 : 100_000),
        RoundTrips("c64", 64, quick ? 10_000 : 100_000),
        RoundTrips("c256", 256, quick ? 10_000 : 100_000),
        new Workload("p16", WorkloadKind.RedisBenchmark, "pipelined: redis-benchmark -c 16 -P 16", 16, quick ? 50_000 : 500_000, Pipeline: 16),
        new Workload("bulk", WorkloadKind.Bulk, "bulk throughput: 4 connections writing 64 KiB chunks, echo read concurrently", 4, Duration: TimeSpan.FromSeconds(quick ? 1 : 5)),
        new Workload("idle", WorkloadKind.Idle, "memory per idle connection", idleConnections ?? 10_000),
    };

    /// <summary>Whether <paramref name="server"/> takes part in this workload, or why not.</summary>
    public string? SkipReason(ServerSpec server)
    {
        if (server.Sequential && Connections > 1)
        {
            return "Sequential serves one connection at a time";
        }

        if (Kind == WorkloadKind.Bulk && !server.RawEcho)
        {
            return "not a raw-byte echo server";
        }

        return null;
    }

    /// <summary>The unit of the rate column.</summary>
    public string RateUnit => Kind == WorkloadKind.Bulk ? "MB/s" : "req/s";

    /// <summary>The unit of the CPU column.</summary>
    public string CpuUnit => Kind == WorkloadKind.Bulk ? "CPU µs/MB" : "CPU µs/req";

    private static Workload RoundTrips(string name, int connections, int requests) =>
        new(name, WorkloadKind.RedisBenchmark, $"round trips: redis-benchmark -c {connections}", connections, requests);
}
