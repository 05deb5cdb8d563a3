using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Declarative.Sockets.Benchmarks.Harness;
using Declarative.Sockets.Benchmarks.Servers;

namespace Declarative.Sockets.Benchmarks;

/// <summary>
/// One program, two roles: <c>serve NAME [--port N]</c> runs one echo server in this process; <c>run [options]</c>
/// starts every server as its own child process, drives the load and prints a markdown table.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          run [--quick] [--servers a,b,...] [--workloads a,b,...] [--rounds N] [--idle-connections N] [--out FILE]
          serve NAME [--port N]
          list
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            switch (args[0])
            {
                case "serve" when args.Length >= 2:
                    return await ServeAsync(args[1], ReadPort(args));
                case "run":
                    return await Runner.RunAsync(RunOptions.Parse(args.AsSpan(1)));
                case "list":
                    foreach (ServerSpec spec in ServerSpec.All)
                    {
                        Console.WriteLine($"{spec.Name,-24} {spec.Description}");
                    }

                    Console.WriteLine();
                    foreach (Workload workload in Workload.All(quick: false))
                    {
                        Console.WriteLine($"{workload.Name,-24} {workload.Title}");
                    }

                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private static int ReadPort(string[] args)
    {
        int index = Array.IndexOf(args, "--port");
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<int> ServeAsync(string name, int port)
    {
        IBenchServer server = name switch
        {
            "declarative-async" => new GeneratedBenchServer(o => new EchoAsync.Server(o)),
            "declarative-threading" => new GeneratedBenchServer(o => new EchoThreading.Server(o)),
            "declarative-sequential" => new GeneratedBenchServer(o => new EchoSequential.Server(o)),
            "raw" => new RawServer(),
            "kestrel" => new KestrelServer(),
            "dotnetty" => new DotNettyServer(),
            _ => throw new ArgumentException($"unknown in-process server '{name}'"),
        };

        var endpoint = await server.StartAsync(port);
        Console.Out.WriteLine($"listening on {endpoint}");
        Console.Out.Flush();

        // Control over standard input: "heap" answers with the managed heap after a full collection; end of input
        // (the harness closed the pipe or went away) ends the process.
        var control = new Thread(() =>
        {
            while (Console.In.ReadLine() is { } line)
            {
                if (line.Trim() == "heap")
                {
                    long heap = GC.GetTotalMemory(forceFullCollection: true);
                    Console.Out.WriteLine($"heap {heap.ToString(CultureInfo.InvariantCulture)}");
                    Console.Out.Flush();
                }
            }

            Environment.Exit(0);
        })
        {
            IsBackground = true,
            Name = "control",
        };
        control.Start();

        await server.RunAsync();
        return 0;
    }
}
