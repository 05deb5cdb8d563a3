using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Emitting;

/// <summary>
/// The struct the runtime's framing loop calls for each message: it converts the payload to the parameter types the
/// handler asked for and writes the return value back. A struct so the generic loop dispatches without allocating.
/// </summary>
internal static class DispatcherEmitter
{
    public static void Emit(SourceWriter writer, ServerModel model)
    {
        var body = model.Body;
        if (body.Role == MemberRole.Command)
        {
            CommandEmitter.Emit(writer, model);
            return;
        }

        var (name, contract, method, payload) = body.Role switch
        {
            MemberRole.OnLine => ("LineDispatcher", "ILineDispatcher", "OnLineAsync", "line"),
            MemberRole.OnFrame when body.FrameType is { } frameType => ("FrameDispatcher", $"IFrameDispatcher<{frameType}>", "OnFrameAsync", "payload"),
            MemberRole.OnFrame => ("FrameDispatcher", "IFrameDispatcher", "OnFrameAsync", "payload"),
            _ => ("DataDispatcher", "IDataDispatcher", "OnDataAsync", "data"),
        };
        var handlerType = model.FullyQualifiedName;
        var payloadType = body.FrameType ?? Names.ReadOnlyMemoryOfByte;
        var call = $"_handler.{body.Name}({Arguments.For(body, payload)})";
        var statement = body.Return switch
        {
            ReturnKind.Void => $"{call};\nreturn default;",
            ReturnKind.ValueTask => $"return {call};",
            ReturnKind.Task => $"return {Names.Replies}.Done({call});",
            ReturnKind.String => $"return {Names.Replies}.Line(connection, {call});",
            ReturnKind.TaskOfString or ReturnKind.ValueTaskOfString => $"return {Names.Replies}.Line(connection, {call}!);",
            ReturnKind.Frame => $"return {Names.Replies}.Frame<{body.FrameType}>(connection, {call});",
            ReturnKind.TaskOfFrame or ReturnKind.ValueTaskOfFrame => $"return {Names.Replies}.Frame<{body.FrameType}>(connection, {call}!);",
            _ when body.Role == MemberRole.OnFrame => $"return {Names.Replies}.Frame(connection, {call}, {Names.FrameFormat(body.FrameFormat)}, {body.MaxLength});",
            _ => $"return {Names.Replies}.Bytes(connection, {call});",
        };

        writer.WriteLine($$"""
            private readonly struct {{name}} : {{Names.Sockets}}.{{contract}}
            {
                private readonly {{handlerType}} _handler;

                public {{name}}({{handlerType}} handler) => _handler = handler;

                public {{Names.ValueTask}} {{method}}({{Names.Connection}} connection, {{payloadType}} {{payload}})
                {
            """);
        writer.WriteLine(Indent(statement, "        "));
        writer.WriteLine("""
                }
            }
            """);
    }

    private static string Indent(string text, string indent) => indent + text.Replace("\n", "\n" + indent);
}
