using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>Options of the <c>run</c> role.</summary>
internal sealed class RunOptions
{
    public bool Quick { get; private set; }

    public int Rounds { get; private set; }

    public IReadOnlyList<ServerSpec> Servers { get; private set; } = ServerSpec.All;

    public IReadOnlyList<Workload> Workloads { get; private set; } = Array.Empty<Workload>();

    public string? OutFile { get; private set; }

    public string CommandLine { get; private set; } = "";

    public static RunOptions Parse(ReadOnlySpan<string> span)
    {
        string[] args = span.ToArray();
        var options = new RunOptions { CommandLine = "run " + string.Join(' ', args) };
        string? servers = null;
        string? workloads = null;
        int? rounds = null;
        int? idle = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--quick": options.Quick = true; break;
                case "--servers": servers = Next(); break;
                case "--workloads": workloads = Next(); break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--idle-connections": idle = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": options.OutFile = Next(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        options.Rounds = rounds ?? (options.Quick ? 3 : 5);
        if (options.Rounds < 1)
        {
            throw new ArgumentException("--rounds must be at least 1");
        }

        IReadOnlyList<Workload> all = Workload.All(options.Quick, idle);
        options.Workloads = Select(all, workloads, w => w.Name, "workload");
        options.Servers = Select(ServerSpec.All, servers, s => s.Name, "server");
        return options;
    }

    private static IReadOnlyList<T> Select<T>(IReadOnlyList<T> all, string? names, Func<T, string> name, string what)
    {
        if (names is null)
        {
            return all;
        }

        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        foreach (string n in wanted)
        {
            if (!all.Any(x => name(x) == n))
            {
                throw new ArgumentException($"unknown {what} '{n}' (known: {string.Join(", ", all.Select(name))})");
            }
        }

        return all.Where(x => wanted.Contains(name(x))).ToArray();
    }
}
