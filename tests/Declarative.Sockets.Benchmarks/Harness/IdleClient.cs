using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>
/// Opens many connections in batches; each does one ECHO round trip first so the server has really accepted and
/// served it, then stays open and idle until disposed.
/// </summary>
internal sealed class IdleClient : IDisposable
{
    private const int BatchSize = 250;

    /// <summary>The same 32 bytes redis-benchmark sends, so redis-server can answer too.</summary>
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("*2\r\n$4\r\nECHO\r\n$11\r\n01234567890\r\n");

    /// <summary>What redis-server answers to <see cref="Request"/> (echo servers answer the request itself).</summary>
    private static readonly int RedisReplyLength = "$11\r\n01234567890\r\n".Length;

    private readonly List<Socket> _sockets = new();

    public int Count => _sockets.Count;

    public async Task OpenAsync(int port, int connections, bool redis, TimeSpan timeout)
    {
        int replyLength = redis ? RedisReplyLength : Request.Length;
        using var cts = new CancellationTokenSource(timeout);
        while (_sockets.Count < connections)
        {
            int batch = Math.Min(BatchSize, connections - _sockets.Count);
            var tasks = new Task<Socket>[batch];
            for (int i = 0; i < batch; i++)
            {
                tasks[i] = OpenOneAsync(port, replyLength, cts.Token);
            }

            try
            {
                await Task.WhenAll(tasks);
            }
            finally
            {
                foreach (Task<Socket> t in tasks)
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        _sockets.Add(t.Result);
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }

        _sockets.Clear();
    }

    private static async Task<Socket> OpenOneAsync(int port, int replyLength, CancellationToken token)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), token);
            await socket.SendAsync(Request, SocketFlags.None, token);
            var reply = new byte[64];
            int got = 0;
            while (got < replyLength)
            {
                int n = await socket.ReceiveAsync(reply.AsMemory(got), SocketFlags.None, token);
                if (n == 0)
                {
                    throw new InvalidOperationException("server closed an idle connection before answering");
                }

                got += n;
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
