using System;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>Writes handler return values back to the peer; called by generated dispatchers.</summary>
public static class Replies
{
    /// <summary>Writes a non-null string as a line.</summary>
    public static ValueTask Line(Connection connection, string? reply)
    {
        if (reply is not null)
        {
            connection.WriteLine(reply);
        }

        return default;
    }

    /// <summary>Writes a non-null string as a line once the handler's task completes.</summary>
    public static ValueTask Line(Connection connection, Task<string?> reply) => Line(connection, new ValueTask<string?>(reply));

    /// <summary>Writes a non-null string as a line once the handler's task completes.</summary>
    public static ValueTask Line(Connection connection, ValueTask<string?> reply)
    {
        if (reply.IsCompletedSuccessfully)
        {
            return Line(connection, reply.Result);
        }

        return Awaited(connection, reply);

        static async ValueTask Awaited(Connection connection, ValueTask<string?> pending) =>
            await Line(connection, await pending.ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Writes a non-null byte array as is.</summary>
    public static ValueTask Bytes(Connection connection, byte[]? reply)
    {
        if (reply is not null)
        {
            connection.Write(reply);
        }

        return default;
    }

    /// <summary>Writes the bytes as is.</summary>
    public static ValueTask Bytes(Connection connection, ReadOnlyMemory<byte> reply)
    {
        connection.Write(reply.Span);
        return default;
    }

    /// <summary>Writes a non-null byte array as one frame in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The reply does not fit one frame.</exception>
    public static ValueTask Frame(Connection connection, byte[]? reply, FrameFormat format, int maxLength)
    {
        if (reply is not null)
        {
            FrameLoop.Write(connection.Output, reply, format, maxLength);
        }

        return default;
    }

    /// <summary>Writes the bytes as one frame in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The reply does not fit one frame.</exception>
    public static ValueTask Frame(Connection connection, ReadOnlyMemory<byte> reply, FrameFormat format, int maxLength)
    {
        FrameLoop.Write(connection.Output, reply.Span, format, maxLength);
        return default;
    }

    /// <summary>Writes a non-null user frame through its <see cref="IFrame{TSelf}.Write"/>.</summary>
    public static ValueTask Frame<TFrame>(Connection connection, TFrame? reply)
        where TFrame : IFrame<TFrame>
    {
        if (reply is not null)
        {
            TFrame.Write(connection.Output, reply);
        }

        return default;
    }

    /// <summary>Writes a non-null user frame once the handler's task completes.</summary>
    public static ValueTask Frame<TFrame>(Connection connection, Task<TFrame?> reply)
        where TFrame : IFrame<TFrame> => Frame(connection, new ValueTask<TFrame?>(reply));

    /// <summary>Writes a non-null user frame once the handler's task completes.</summary>
    public static ValueTask Frame<TFrame>(Connection connection, ValueTask<TFrame?> reply)
        where TFrame : IFrame<TFrame>
    {
        if (reply.IsCompletedSuccessfully)
        {
            return Frame(connection, reply.Result);
        }

        return Awaited(connection, reply);

        static async ValueTask Awaited(Connection connection, ValueTask<TFrame?> pending) =>
            await Frame(connection, await pending.ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Adapts a handler's <see cref="Task"/> to the dispatcher's <see cref="ValueTask"/>.</summary>
    public static ValueTask Done(Task task) => new(task);

    /// <summary>For handlers that return nothing.</summary>
    public static ValueTask Done() => default;
}
