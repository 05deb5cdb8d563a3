using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>
/// Flow control through both transports: a client that stops reading makes the server's sends hit EAGAIN, its output
/// pipe fill, the handler's flush wait and the receive side pause; when the client reads again everything resumes
/// and every byte arrives intact. Shutdown can always end such a stuck connection.
/// </summary>
public sealed class BackpressureTests
{
    private const int Total = 64 * 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AClientThatStopsReadingPausesTheServerAndEverythingArrivesWhenItResumes(bool epoll)
    {
        await using var server = await TestServers.StartAsync("data-async", o => o.PreferEpoll = epoll);
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 64 * 1024, SendBufferSize = 64 * 1024 };
        await client.ConnectAsync(server.LocalEndPoint!).WaitAsync(Wait.Default);
        long written = 0;

        // Far more than every buffer on the way holds: the server must hold back while nobody reads.
        var writer = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            for (var offset = 0; offset < Total; offset += chunk.Length)
            {
                Fill(chunk, offset);
                await client.SendAsync(chunk);
                Interlocked.Add(ref written, chunk.Length);
            }

            client.Shutdown(SocketShutdown.Send);
        });

        await Wait.UntilAsync(() => Interlocked.Read(ref written) >= 4 * 1024 * 1024, "the client got 4 MiB ahead");
        Assert.False(writer.IsCompleted);

        var received = 0;
        var buffer = new byte[256 * 1024];
        var expected = new byte[buffer.Length];
        while (true)
        {
            var n = await client.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (n == 0)
            {
                break;
            }

            Fill(expected.AsSpan(0, n), received);
            Assert.True(buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan(0, n)), $"echo differs at byte {received}");
            received += n;
        }

        await writer.WaitAsync(Wait.Default);
        Assert.Equal(Total, received);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ShutdownEndsAConnectionStuckOnAPeerThatNeverReads(bool epoll)
    {
        var server = await TestServers.StartAsync("data-async", o =>
        {
            o.PreferEpoll = epoll;
            o.DrainTimeout = TimeSpan.FromMilliseconds(200);
        });
        var log = ServerLog.For(server.LocalEndPoint);
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
        await client.ConnectAsync(server.LocalEndPoint!).WaitAsync(Wait.Default);
        var port = ((IPEndPoint)client.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await client.SendAsync(chunk, SocketFlags.None, stop.Token);
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The server aborted us, or the test is over.
            }
        });

        await Wait.UntilAsync(() => server.ConnectionCount == 1, "connected");
        await server.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, server.ConnectionCount);
        await Wait.UntilAsync(() => log.Disconnects(port).Count == 1, "OnDisconnect once");
        stop.Cancel();
        client.Dispose();
        await writer.WaitAsync(Wait.Default);
        await server.DisposeAsync();
    }

    // TCP's recv stops at an urgent mark with data still queued behind it: a transport that took that short read for
    // "drained" would wait forever for an edge that never comes.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DataBehindAnUrgentMarkIsStillDelivered(bool epoll)
    {
        await using var server = await TestServers.StartAsync("data-async", o => o.PreferEpoll = epoll);
        for (var i = 0; i < 10; i++)
        {
            using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await client.ConnectAsync(server.LocalEndPoint!).WaitAsync(Wait.Default);
            client.Send("hello\n"u8);
            client.Send("!"u8, SocketFlags.OutOfBand);
            client.Send("world\n"u8);

            var received = 0;
            var buffer = new byte[64];
            while (received < "hello\nworld\n".Length)
            {
                var n = await client.ReceiveAsync(buffer.AsMemory(received)).AsTask().WaitAsync(Wait.Default);
                Assert.NotEqual(0, n);
                received += n;
            }

            Assert.Equal("hello\nworld\n", System.Text.Encoding.ASCII.GetString(buffer, 0, received));
        }
    }

    // A pattern that differs at every offset, so a lost, repeated or reordered chunk shows.
    private static void Fill(Span<byte> destination, long offset)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var position = offset + i;
            destination[i] = (byte)((position * 31) ^ (position >> 11));
        }
    }
}
