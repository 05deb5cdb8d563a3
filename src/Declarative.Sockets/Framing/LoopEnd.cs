using System.Buffers;
using System.IO.Pipelines;

namespace Declarative.Sockets;

/// <summary>The end of one read in the line and frame loops: consume what was handled and decide whether to stop.</summary>
internal static class LoopEnd
{
    /// <summary>
    /// Advances past what was handled (everything before <paramref name="rest"/>) and returns why the loop ends, or
    /// null to read on. <paramref name="framingError"/> is the framer's verdict on <paramref name="rest"/>, if any.
    /// </summary>
    public static DisconnectReason? Finish(Connection connection, PipeReader input, in ReadResult result, in ReadOnlySequence<byte> rest, DisconnectReason? framingError)
    {
        connection.CountRead(result.Buffer.Length - rest.Length);
        input.AdvanceTo(rest.Start, rest.End);
        if (framingError is not null)
        {
            return framingError;
        }

        return connection.IsClosing || result.IsCompleted || result.IsCanceled ? connection.ReasonForEndOfInput() : null;
    }
}
