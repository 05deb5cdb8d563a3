using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Servers;

/// <summary>
/// The managed limit we measure ourselves against: a hand-written Socket accept loop and a per-connection
/// ReceiveAsync/SendAsync loop. Like Kestrel's transport it waits with a zero-byte receive so an idle connection holds
/// no buffer, then rents a pooled buffer only while data is there.
/// </summary>
internal sealed class RawServer : IBenchServer
{
    private const int BufferSize = 16 * 1024;
    private Socket? _listener;

    public Task<IPEndPoint> StartAsync(int port)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(512);
        return Task.FromResult((IPEndPoint)_listener.LocalEndPoint!);
    }

    public async Task RunAsync()
    {
        while (true)
        {
            Socket socket = await _listener!.AcceptAsync();
            socket.NoDelay = true;
            _ = EchoAsync(socket);
        }
    }

    private static async Task EchoAsync(Socket socket)
    {
        try
        {
            while (true)
            {
                await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
                byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    int read = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    int sent = 0;
                    while (sent < read)
                    {
                        sent += await socket.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }
}
