using System.Linq;
using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Emitting;

/// <summary>The expression passed for each parameter kind, and call statements that await or block as the mode needs.</summary>
internal static class Arguments
{
    /// <summary>Argument list for a call; <paramref name="payload"/> names the received line or bytes, <paramref name="exception"/> the error in scope.</summary>
    public static string For(HandlerMethodModel method, string payload = "line", string exception = "error") =>
        string.Join(", ", method.Parameters.Select(p => p switch
        {
            ParameterKind.Connection => "connection",
            ParameterKind.CancellationToken => "connection.Closing",
            ParameterKind.RemoteEndPoint => "connection.RemoteEndPoint",
            ParameterKind.DisconnectReason => "reason",
            ParameterKind.Exception => exception,
            ParameterKind.PayloadString => $"global::System.Text.Encoding.UTF8.GetString({payload}.Span)",
            ParameterKind.PayloadSpan => $"{payload}.Span",
            ParameterKind.PayloadFrame => payload,
            _ => payload,
        }));

    /// <summary>A statement that calls the method and waits for it: <c>await</c> in async code, a blocking wait on a Threading thread.</summary>
    public static string Call(HandlerMethodModel method, string target, string arguments, bool blocking)
    {
        var call = $"{target}.{method.Name}({arguments})";
        return method.Return switch
        {
            ReturnKind.Void => call + ";",
            _ when blocking => $"{Names.Blocking}.Wait({call});",
            _ => $"await {call}.ConfigureAwait(false);",
        };
    }
}
