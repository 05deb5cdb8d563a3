using System;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

/// <summary>
/// The reply rules every line test server shares: echo, except for a few command lines that drive a close path.
/// </summary>
internal static class TestLogic
{
    public static async ValueTask<string?> Reply(string line, Connection connection)
    {
        switch (line)
        {
            case "boom":
                throw new InvalidOperationException("boom");
            case "quit":
                connection.Close();
                return "bye";
            case "hold":
                var log = ServerLog.For(connection);
                Interlocked.Increment(ref log.Holding);
                await log.Release.Task.ConfigureAwait(false);
                return "held";
            case "block":
                Interlocked.Increment(ref ServerLog.For(connection).Holding);
                ServerLog.For(connection).Unblock.Wait(); // blocks this handler's thread on purpose
                return "unblocked";
            case "thread":
                return ThreadKind.Current();
            default:
                return line;
        }
    }
}
