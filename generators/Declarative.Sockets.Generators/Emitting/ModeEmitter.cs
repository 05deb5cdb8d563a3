using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Emitting;

/// <summary>How one accepted connection is served: one code shape per concurrency mode.</summary>
internal static class ModeEmitter
{
    public static void EmitDispatch(SourceWriter writer, ConcurrencyMode mode)
    {
        var (summary, body) = mode switch
        {
            ConcurrencyMode.Threading => (
                "ThreadingMixIn: the connection gets a dedicated thread, so its handler may block.",
                "StartThread(Process, connection);\nreturn default;"),
            ConcurrencyMode.Sequential => (
                "Sequential: the accept loop serves this connection to its end before accepting the next.",
                $"return new {Names.ValueTask}(RunInline(ProcessAsync, connection));"),
            _ => (
                "Event-driven: the connection is served on the thread pool and the accept loop goes on at once.",
                "Spawn(ProcessAsync, connection);\nreturn default;"),
        };

        writer.WriteLine($"/// <summary>{summary}</summary>");
        using (writer.Block($"protected override {Names.ValueTask} DispatchAsync({Names.Connection} connection)"))
        {
            writer.WriteLine(body);
        }
    }

    /// <summary>True when the mode runs handlers synchronously on their own thread.</summary>
    public static bool IsBlocking(ConcurrencyMode mode) => mode == ConcurrencyMode.Threading;
}
