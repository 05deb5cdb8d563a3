using System.Linq;
using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Emitting;

/// <summary>
/// The per-datagram lifecycle of UDP and Unix datagram servers: create the handler, call [OnDatagram], send a
/// returned value back to the sender, [OnError] on a throw, then release the datagram. Async and Threading variants.
/// </summary>
internal static class DatagramEmitter
{
    public static void Emit(SourceWriter writer, ServerModel model)
    {
        var blocking = ModeEmitter.IsBlocking(model.Mode);
        var handlerType = model.FullyQualifiedName;
        var (summary, dispatch) = blocking
            ? ("ThreadingUDPServer: the datagram gets a dedicated thread, so its handler may block.", "StartThread(Process, datagram);")
            : ("Event-driven: the datagram is handled on the thread pool and the receive loop goes on at once.", "Spawn(ProcessAsync, datagram);");
        writer.WriteLine($"/// <summary>{summary}</summary>");
        using (writer.Block($"protected override void Dispatch({Names.Datagram} datagram)"))
        {
            writer.WriteLine(dispatch);
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Handles one datagram from receive to reply.</summary>");
        var header = blocking
            ? $"private void Process({Names.Datagram} datagram)"
            : $"private async {Names.Task} ProcessAsync({Names.Datagram} datagram)";
        using (writer.Block(header))
        {
            writer.WriteLine($"{handlerType}? handler = null;");
            using (writer.Block("try"))
            {
                writer.WriteLine($"handler = new {handlerType}();");
                writer.WriteLine(BodyCall(model.Body, blocking));
            }

            using (writer.Block($"catch ({Names.OperationCanceledException}) when (HandlerCancellation.IsCancellationRequested)"))
            {
                writer.WriteLine("// Shutdown cancelled the handler: nothing to report.");
            }

            using (writer.Block($"catch ({Names.Exception} ex)"))
            {
                if (model.OnError is { } onError)
                {
                    using (writer.Block("if (handler is null)"))
                    {
                        writer.WriteLine("ReportUnhandledError(ex, null);");
                    }

                    using (writer.Block("else"))
                    {
                        using (writer.Block("try"))
                        {
                            var arguments = string.Join(", ", onError.Parameters.Select(p => p == ParameterKind.Exception ? "ex" : "datagram.Sender"));
                            writer.WriteLine(Arguments.Call(onError, "handler", arguments, blocking));
                        }

                        using (writer.Block($"catch ({Names.Exception} hookError)"))
                        {
                            writer.WriteLine("ReportUnhandledError(hookError, null);");
                        }
                    }
                }
                else
                {
                    writer.WriteLine("ReportUnhandledError(ex, null);");
                }
            }

            using (writer.Block("finally"))
            {
                writer.WriteLine("DatagramFinished(datagram);");
            }
        }
    }

    private static string BodyCall(HandlerMethodModel body, bool blocking)
    {
        var arguments = string.Join(", ", body.Parameters.Select(p => p switch
        {
            ParameterKind.PayloadString => $"{Names.Encoding}.UTF8.GetString(datagram.Payload.Span)",
            ParameterKind.PayloadSpan => "datagram.Payload.Span",
            ParameterKind.PayloadMemory => "datagram.Payload",
            ParameterKind.RemoteEndPoint => "datagram.Sender",
            _ => "HandlerCancellation",
        }));
        var call = $"handler.{body.Name}({arguments})";
        if (blocking)
        {
            return body.Return switch
            {
                ReturnKind.Void => call + ";",
                ReturnKind.Task or ReturnKind.ValueTask => $"{Names.Blocking}.Wait({call});",
                ReturnKind.TaskOfString or ReturnKind.ValueTaskOfString => $"Reply(datagram, {Names.Blocking}.Wait({call}));",
                _ => $"Reply(datagram, {call});",
            };
        }

        return body.Return switch
        {
            ReturnKind.Void => call + ";",
            ReturnKind.Task or ReturnKind.ValueTask => $"await {call}.ConfigureAwait(false);",
            ReturnKind.TaskOfString or ReturnKind.ValueTaskOfString => $"await ReplyAsync(datagram, {call}!).ConfigureAwait(false);",
            _ => $"await ReplyAsync(datagram, {call}).ConfigureAwait(false);",
        };
    }
}
