using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>A loopback TCP client that speaks lines, with every read bounded in time.</summary>
internal sealed class LineClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;

    private LineClient(TcpClient client)
    {
        _client = client;
        Stream = client.GetStream();
        _reader = new StreamReader(Stream, new UTF8Encoding(false), false, 1024, leaveOpen: true);
    }

    public NetworkStream Stream { get; }

    /// <summary>This client's own port: the server sees it as the remote end point's port.</summary>
    public int LocalPort => ((IPEndPoint)_client.Client.LocalEndPoint!).Port;

    public Socket Socket => _client.Client;

    public static async Task<LineClient> ConnectAsync(EndPoint server)
    {
        var endPoint = (IPEndPoint)server;
        var client = new TcpClient(endPoint.AddressFamily) { NoDelay = true };
        await client.ConnectAsync(endPoint).Bounded();
        return new LineClient(client);
    }

    public async Task SendAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await Stream.WriteAsync(bytes).AsTask().Bounded();
    }

    public Task SendLineAsync(string line) => SendAsync(line + "\n");

    public Task<string?> ReadLineAsync() => _reader.ReadLineAsync().Bounded();

    public async Task<string> RequestAsync(string line)
    {
        await SendLineAsync(line);
        return await ReadLineAsync() ?? throw new IOException($"Connection closed instead of answering '{line}'.");
    }

    /// <summary>True when the server closed the connection (end of stream), reading away anything before it.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            while (await ReadLineAsync() is not null)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true; // reset counts as closed
        }
    }

    public void ShutdownSend() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Closes with an RST instead of a FIN.</summary>
    public void Reset()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return default;
    }
}
