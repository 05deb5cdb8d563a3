using System;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets;

public sealed partial class Connection
{
    private const int MinimumReceiveSize = 2048;

    private async Task ReceiveLoopAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                // Wait for data without holding a buffer: an idle connection costs no pooled memory.
                await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);

                var memory = writer.GetMemory(MinimumReceiveSize);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    _peerClosed = true;
                    break;
                }

                writer.Advance(received);
                NoteReceive();
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break; // the handler stopped reading
                }
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode != SocketError.OperationAborted)
        {
            _peerReset = !IsAborted && !IsClosing;
        }
        catch (SocketException)
        {
            // Our own close aborted the pending receive.
        }
        catch (ObjectDisposedException)
        {
            // Our own close disposed the socket.
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    foreach (var segment in buffer)
                    {
                        var remaining = segment;
                        while (!remaining.IsEmpty)
                        {
                            var sent = await _socket.SendAsync(remaining, SocketFlags.None).ConfigureAwait(false);
                            remaining = remaining.Slice(sent);
                        }
                    }
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (SocketException)
        {
            // The peer went away: nothing more can be sent.
        }
        catch (ObjectDisposedException)
        {
            // Aborted.
        }
        catch (Exception)
        {
            // Anything else (a handler completing Output with an error): sending is over, closing goes on.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
