using System.Buffers;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// A frame type of your own protocol (RESP, any binary format) that <c>[OnFrame]</c> methods take and return: static
/// members read and write it, so the generated server calls them directly, without reflection.
/// </summary>
/// <remarks>
/// A frame must fit in the connection's input window (64 KiB): input that still needs more once that much is buffered
/// closes the connection with <see cref="DisconnectReason.MessageTooLong"/>, as <see cref="FrameStatus.TooLong"/> does.
/// </remarks>
public interface IFrame<TSelf>
    where TSelf : IFrame<TSelf>
{
    /// <summary>
    /// Reads one frame from the front of <paramref name="buffer"/>. On <see cref="FrameStatus.Frame"/> advance the buffer
    /// past it; <see cref="FrameStatus.NeedMore"/> waits for more input; <see cref="FrameStatus.TooLong"/> and
    /// <see cref="FrameStatus.Malformed"/> close the connection. A frame that refers to the buffer stays valid until the
    /// handler's task completes.
    /// </summary>
    static abstract FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxLength, out TSelf frame);

    /// <summary>Writes <paramref name="frame"/> (a handler's reply) without flushing.</summary>
    static abstract void Write(IBufferWriter<byte> writer, TSelf frame);
}

/// <summary>Implemented by generated structs that call an <c>[OnFrame]</c> method taking a user frame type.</summary>
public interface IFrameDispatcher<TFrame>
{
    /// <summary>Handles one frame.</summary>
    ValueTask OnFrameAsync(Connection connection, TFrame frame);
}
