using System;
using System.Collections.Generic;
using System.Linq;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>One measurement: the rate (req/s or MB/s) and server CPU µs per request (or per MB).</summary>
internal readonly record struct Sample(double Rate, double CpuPerUnit);

/// <summary>Memory per idle connection.</summary>
internal readonly record struct IdleSample(int Connections, double RssPerConnection, double? HeapPerConnection);

/// <summary>Everything one run measured, skipped or saw fail.</summary>
internal sealed class Results
{
    private readonly Dictionary<(string Server, string Workload), List<Sample>> _samples = new();

    public Dictionary<string, IdleSample> Idle { get; } = new(StringComparer.Ordinal);

    /// <summary>Servers that did not run at all, with the reason.</summary>
    public Dictionary<string, string> SkippedServers { get; } = new(StringComparer.Ordinal);

    /// <summary>Workloads not run for a server (or at all), with the reason.</summary>
    public List<string> Notes { get; } = new();

    public void Add(string server, string workload, Sample sample)
    {
        if (!_samples.TryGetValue((server, workload), out List<Sample>? list))
        {
            _samples[(server, workload)] = list = new List<Sample>();
        }

        list.Add(sample);
    }

    /// <summary>Medians over rounds (rate and CPU separately) and the number of rounds that produced a sample.</summary>
    public (double Rate, double Cpu, int Count)? Median(string server, string workload)
    {
        if (!_samples.TryGetValue((server, workload), out List<Sample>? list) || list.Count == 0)
        {
            return null;
        }

        return (MedianOf(list.Select(s => s.Rate)), MedianOf(list.Select(s => s.CpuPerUnit)), list.Count);
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
