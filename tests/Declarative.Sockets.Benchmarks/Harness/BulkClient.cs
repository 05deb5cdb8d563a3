using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>
/// Bulk throughput, the same client for every server: N connections each write 64 KiB chunks for a fixed time while
/// reading the echo concurrently, then half-close and read the rest. MB/s = echoed bytes / time to the last byte.
/// </summary>
internal static class BulkClient
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<(long Bytes, TimeSpan Elapsed)> RunAsync(int port, int connections, TimeSpan duration)
    {
        var sockets = new Socket[connections];
        for (int i = 0; i < connections; i++)
        {
            sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await sockets[i].ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        }

        var clock = Stopwatch.StartNew();
        long lastByteTicks = 0;
        var tasks = new Task<long>[connections];
        for (int i = 0; i < connections; i++)
        {
            tasks[i] = EchoAsync(sockets[i], duration, clock, t => InterlockedMax(ref lastByteTicks, t));
        }

        try
        {
            long[] bytes = await Task.WhenAll(tasks);
            long total = 0;
            foreach (long b in bytes)
            {
                total += b;
            }

            return (total, TimeSpan.FromTicks(Interlocked.Read(ref lastByteTicks)));
        }
        finally
        {
            foreach (Socket socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task<long> EchoAsync(Socket socket, TimeSpan duration, Stopwatch clock, Action<long> lastByte)
    {
        long sent = 0;
        long received = 0;
        long target = -1;
        using var drainTimeout = new CancellationTokenSource();
        var chunk = new byte[ChunkSize];
        new Random(42).NextBytes(chunk);

        async Task Reader()
        {
            var buffer = new byte[ChunkSize];
            try
            {
                while (true)
                {
                    long t = Volatile.Read(ref target);
                    if (t >= 0 && Volatile.Read(ref received) >= t)
                    {
                        return;
                    }

                    int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, drainTimeout.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    Interlocked.Add(ref received, n);
                    lastByte(clock.Elapsed.Ticks);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        Task reader = Task.Run(Reader);
        while (clock.Elapsed < duration)
        {
            int offset = 0;
            while (offset < ChunkSize)
            {
                offset += await socket.SendAsync(chunk.AsMemory(offset), SocketFlags.None);
            }

            sent += ChunkSize;
        }

        Volatile.Write(ref target, sent);
        drainTimeout.CancelAfter(TimeSpan.FromSeconds(15));
        // Wake a reader that already has everything but sits in a receive.
        while (!reader.IsCompleted && Volatile.Read(ref received) < sent && !drainTimeout.IsCancellationRequested)
        {
            await Task.WhenAny(reader, Task.Delay(10));
        }

        if (!reader.IsCompleted)
        {
            await drainTimeout.CancelAsync();
        }

        await reader;
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }

        long got = Volatile.Read(ref received);
        if (got < sent)
        {
            throw new InvalidOperationException($"bulk: {got} of {sent} bytes came back");
        }

        return got;
    }

    private static void InterlockedMax(ref long location, long value)
    {
        long current = Interlocked.Read(ref location);
        while (value > current)
        {
            long seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
