using System.Buffers;
using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// A duplex stream over a connection's pipes. Synchronous calls block the calling thread (Threading handlers);
/// writes flush at once, as socketserver's unbuffered wfile does.
/// </summary>
internal sealed class ConnectionStream : Stream
{
    private readonly Connection _connection;

    public ConnectionStream(Connection connection) => _connection = connection;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var input = _connection.Input;
        while (true)
        {
            var result = Blocking.Wait(input.ReadAsync());
            if (TryCopy(input, result, buffer, out var copied))
            {
                return copied;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var input = _connection.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (TryCopy(input, result, buffer.Span, out var copied))
            {
                return copied;
            }
        }
    }

    // Copies what is buffered; true when the read is answered (data, end of input, or close).
    private bool TryCopy(PipeReader input, ReadResult result, Span<byte> destination, out int copied)
    {
        var source = result.Buffer;
        copied = (int)Math.Min(source.Length, destination.Length);
        source.Slice(0, copied).CopyTo(destination);
        input.AdvanceTo(source.GetPosition(copied), copied > 0 ? source.GetPosition(copied) : source.End);
        return copied > 0 || destination.IsEmpty || result.IsCompleted || result.IsCanceled || _connection.IsClosing;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _connection.Write(buffer);
        Blocking.Wait(_connection.FlushAsync());
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _connection.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _connection.WriteAsync(buffer, cancellationToken);

    public override void Flush() => Blocking.Wait(_connection.FlushAsync());

    public override Task FlushAsync(CancellationToken cancellationToken) => _connection.FlushAsync(cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
