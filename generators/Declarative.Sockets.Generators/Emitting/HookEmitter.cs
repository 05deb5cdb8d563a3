using System.Globalization;
using System.Linq;
using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Emitting;

/// <summary>The server-level hooks: static methods of the handler class ([VerifyRequest], [OnTimeout], [ServiceActions]) and the per-connection [OnIdle].</summary>
internal static class HookEmitter
{
    public static void Emit(SourceWriter writer, ServerModel model)
    {
        var type = model.FullyQualifiedName;
        if (model.VerifyRequest is { } verify)
        {
            var (parameter, sender) = model.IsDatagram
                ? ($"{Names.EndPoint} sender", "sender")
                : ($"{Names.Connection} connection", "connection.RemoteEndPoint");
            var arguments = string.Join(", ", verify.Parameters.Select(p => p == ParameterKind.Connection ? "connection" : sender));
            writer.WriteLine($$"""
                /// <summary>[VerifyRequest]: false refuses the peer before a handler exists.</summary>
                protected override bool VerifyRequest({{parameter}}) => {{type}}.{{verify.Name}}({{arguments}});

                """);
        }

        if (model.OnTimeout is { } timeout)
        {
            writer.WriteLine($$"""
                /// <summary>[OnTimeout]: HandleRequestAsync saw no request within its timeout.</summary>
                protected override void OnTimeout() => {{type}}.{{timeout.Name}}();

                """);
        }

        if (model.OnIdle is { } idle && !model.IsDatagram)
        {
            var call = $"handler.{idle.Name}({string.Join(", ", idle.Parameters.Select(_ => "connection"))})";
            var awaits = idle.Return is ReturnKind.Task or ReturnKind.ValueTask;
            writer.WriteLine("/// <summary>[OnIdle]: the connection received nothing for IdleTimeout; true keeps it open.</summary>");
            using (writer.Block($"protected override {(awaits ? "async " : string.Empty)}{Names.ValueTaskOfBool} OnIdleAsync({Names.Connection} connection)"))
            {
                var no = awaits ? "false" : "new(false)";
                using (writer.Block($"if (!TryGetHandler<{type}>(connection, out var handler))"))
                {
                    writer.WriteLine($"return {no};");
                }

                writer.WriteLine();
                switch (idle.Return)
                {
                    case ReturnKind.Bool:
                        writer.WriteLine($"return new({call});");
                        break;
                    case ReturnKind.Void:
                        writer.WriteLine($"{call};");
                        writer.WriteLine($"return {no};");
                        break;
                    default:
                        writer.WriteLine($"await {call}.ConfigureAwait(false);");
                        writer.WriteLine($"return {no};");
                        break;
                }
            }

            writer.WriteLine();
        }

        if (model.ServiceActions is { } service)
        {
            writer.WriteLine($$"""
                /// <summary>[ServiceActions]: the period while serving.</summary>
                protected override {{Names.TimeSpan}}? ServiceActionsInterval => {{Names.TimeSpan}}.FromMilliseconds({{service.Limit.ToString(CultureInfo.InvariantCulture)}});

                /// <summary>[ServiceActions]: runs periodically while serving.</summary>
                protected override void ServiceActions() => {{type}}.{{service.Name}}();

                """);
        }
    }
}
