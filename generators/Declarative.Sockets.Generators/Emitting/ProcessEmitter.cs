using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Emitting;

/// <summary>
/// The per-connection lifecycle: create the handler, OnConnect, run the body, OnError on a throw, then close the
/// socket and call OnDisconnect exactly once whatever happened. Async and blocking (Threading) variants.
/// </summary>
internal static class ProcessEmitter
{
    public static void Emit(SourceWriter writer, ServerModel model)
    {
        var blocking = ModeEmitter.IsBlocking(model.Mode);
        var handlerType = model.FullyQualifiedName;
        var header = blocking
            ? $"private void Process({Names.Connection} connection)"
            : $"private async {Names.Task} ProcessAsync({Names.Connection} connection)";

        writer.WriteLine("/// <summary>Serves one connection from accept to close.</summary>");
        using (writer.Block(header))
        {
            writer.WriteLine($"""
                {handlerType}? handler = null;
                var reason = {Names.DisconnectReason}.ClosedByHandler;
                {Names.Exception}? error = null;
                """);
            using (writer.Block("try"))
            {
                writer.WriteLine($"handler = new {handlerType}();");
                if (model.OnIdle is not null)
                {
                    writer.WriteLine("AttachHandler(connection, handler);");
                }

                if (model.OnConnect is { } onConnect)
                {
                    writer.WriteLine(Arguments.Call(onConnect, "handler", Arguments.For(onConnect), blocking));
                }

                EmitBody(writer, model.Body, blocking);
            }

            using (writer.Block($"catch (global::System.OperationCanceledException) when (connection.IsClosing)"))
            {
                writer.WriteLine("reason = ReasonAfterClosing(connection);");
            }

            using (writer.Block($"catch ({Names.Exception} ex)"))
            {
                writer.WriteLine($"""
                    error = ex;
                    reason = {Names.DisconnectReason}.HandlerError;
                    """);
                if (model.OnError is { } onError)
                {
                    using (writer.Block("if (handler is null)"))
                    {
                        writer.WriteLine("ReportUnhandledError(ex, connection);");
                    }

                    using (writer.Block("else"))
                    {
                        EmitGuardedHook(writer, onError, Arguments.For(onError, exception: "ex"), blocking);
                    }
                }
                else
                {
                    writer.WriteLine("ReportUnhandledError(ex, connection);");
                }
            }

            using (writer.Block("finally"))
            {
                writer.WriteLine(blocking
                    ? $"{Names.Blocking}.Wait(connection.DisposeAsync());"
                    : "await connection.DisposeAsync().ConfigureAwait(false);");
                if (model.OnDisconnect is { } onDisconnect)
                {
                    using (writer.Block("if (handler is not null)"))
                    {
                        EmitGuardedHook(writer, onDisconnect, Arguments.For(onDisconnect), blocking);
                    }
                }

                writer.WriteLine("ConnectionFinished(connection);");
            }
        }
    }

    private static void EmitBody(SourceWriter writer, HandlerMethodModel body, bool blocking)
    {
        var suffix = blocking ? string.Empty : "Async";
        var wait = blocking ? string.Empty : "await ";
        var configure = blocking ? string.Empty : ".ConfigureAwait(false)";
        switch (body.Role)
        {
            case MemberRole.Handle:
                writer.WriteLine(Arguments.Call(body, "handler", Arguments.For(body), blocking));
                writer.WriteLine("reason = ReasonAfterHandlerReturned(connection);");
                break;
            case MemberRole.Command:
                writer.WriteLine($"reason = {wait}{Names.Sockets}.LineLoop.Run{suffix}(connection, new CommandDispatcher(handler), {body.MaxLength}){configure};");
                break;
            case MemberRole.OnLine:
                writer.WriteLine($"reason = {wait}{Names.Sockets}.LineLoop.Run{suffix}(connection, new LineDispatcher(handler), {body.MaxLength}){configure};");
                break;
            case MemberRole.OnFrame when body.FrameType is { } frameType:
                writer.WriteLine($"reason = {wait}{Names.Sockets}.FrameLoop.Run{suffix}<{frameType}, FrameDispatcher>(connection, new FrameDispatcher(handler), {body.MaxLength}){configure};");
                break;
            case MemberRole.OnFrame:
                writer.WriteLine($"reason = {wait}{Names.Sockets}.FrameLoop.Run{suffix}(connection, new FrameDispatcher(handler), {Names.FrameFormat(body.FrameFormat)}, {body.MaxLength}){configure};");
                break;
            default:
                writer.WriteLine($"reason = {wait}{Names.Sockets}.DataLoop.Run{suffix}(connection, new DataDispatcher(handler)){configure};");
                break;
        }
    }

    // A hook that throws must not take the server down: its error goes to the unhandled-error sink.
    private static void EmitGuardedHook(SourceWriter writer, HandlerMethodModel hook, string arguments, bool blocking)
    {
        using (writer.Block("try"))
        {
            writer.WriteLine(Arguments.Call(hook, "handler", arguments, blocking));
        }

        using (writer.Block($"catch ({Names.Exception} hookError)"))
        {
            writer.WriteLine("ReportUnhandledError(hookError, connection);");
        }
    }
}
