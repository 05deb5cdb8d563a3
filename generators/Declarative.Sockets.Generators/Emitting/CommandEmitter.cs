using System.Globalization;
using System.Linq;
using Declarative.Sockets.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Declarative.Sockets.Generators.Emitting;

/// <summary>
/// The line dispatcher of a command server: matches the first word against each [Command] name (a switch on its
/// UTF-8 length, then byte comparisons; no allocation), parses the other words into the parameters, calls the
/// method and writes its reply; unknown commands and bad arguments go to the hooks or get the default ERR line.
/// </summary>
internal static class CommandEmitter
{
    private const string Commands = Names.Sockets + ".Commands";
    private const string Reader = Names.Sockets + ".CommandReader";
    private const string Span = "global::System.ReadOnlySpan<byte>";

    public static void Emit(SourceWriter writer, ServerModel model)
    {
        var enums = model.Commands
            .SelectMany(c => c.Parameters)
            .Where(p => p.Kind == CommandParameterKind.Enum)
            .GroupBy(p => p.Type!)
            .Select(g => g.First())
            .ToList();
        var handlerType = model.FullyQualifiedName;
        using (writer.Block($"private readonly struct CommandDispatcher : {Names.Sockets}.ILineDispatcher"))
        {
            writer.WriteLine($$"""
                private readonly {{handlerType}} _handler;

                public CommandDispatcher({{handlerType}} handler) => _handler = handler;

                """);
            using (writer.Block($"public {Names.ValueTask} OnLineAsync({Names.Connection} connection, {Names.ReadOnlyMemoryOfByte} line)"))
            {
                writer.WriteLine($$"""
                    var reader = new {{Reader}}(line.Span);
                    if (!reader.TryNext(out var name))
                    {
                        return default; // a blank line is no command
                    }
                    """);
                var byLength = model.Commands
                    .Select((command, index) => (command, index, length: System.Text.Encoding.UTF8.GetByteCount(command.Name)))
                    .GroupBy(c => c.length)
                    .OrderBy(g => g.Key);
                using (writer.Block("switch (name.Length)"))
                {
                    foreach (var group in byLength)
                    {
                        writer.WriteLine($"case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
                        foreach (var (command, index, _) in group)
                        {
                            var literal = SymbolDisplay.FormatLiteral(command.Name, quote: true) + "u8";
                            var test = command.CaseSensitive ? $"global::System.MemoryExtensions.SequenceEqual(name, {literal})" : $"{Commands}.NameEquals(name, {literal})";
                            writer.WriteLine($"    if ({test}) return Command{index.ToString(CultureInfo.InvariantCulture)}(connection, ref reader);");
                        }

                        writer.WriteLine("    break;");
                    }
                }

                writer.WriteLine("return Unknown(connection, name, line.Span);");
            }

            for (var i = 0; i < model.Commands.Count; i++)
            {
                writer.WriteLine();
                EmitCommand(writer, model.Commands[i], i, enums.Select(e => e.Type!).ToList());
            }

            writer.WriteLine();
            EmitUnknown(writer, model.OnUnknownCommand);
            writer.WriteLine();
            EmitError(writer, model.OnCommandError);
            for (var i = 0; i < enums.Count; i++)
            {
                writer.WriteLine();
                EmitEnumParser(writer, enums[i], i);
            }
        }
    }

    private static void EmitCommand(SourceWriter writer, CommandModel command, int index, System.Collections.Generic.List<string> enums)
    {
        var name = SymbolDisplay.FormatLiteral(command.Name, quote: true);
        writer.WriteLine($"/// <summary>[Command({name})] {command.MethodName}.</summary>");
        using (writer.Block($"private {Names.ValueTask} Command{index.ToString(CultureInfo.InvariantCulture)}({Names.Connection} connection, ref {Reader} reader)"))
        {
            var arguments = new System.Collections.Generic.List<string>();
            var hasRest = false;
            for (var i = 0; i < command.Parameters.Count; i++)
            {
                var parameter = command.Parameters[i];
                var local = "p" + i.ToString(CultureInfo.InvariantCulture);
                switch (parameter.Kind)
                {
                    case CommandParameterKind.Connection:
                        arguments.Add("connection");
                        continue;
                    case CommandParameterKind.CancellationToken:
                        arguments.Add("connection.Closing");
                        continue;
                    case CommandParameterKind.RemoteEndPoint:
                        arguments.Add("connection.RemoteEndPoint");
                        continue;
                    case CommandParameterKind.Rest:
                        writer.WriteLine($"var {local} = reader.Rest();");
                        arguments.Add(local);
                        hasRest = true;
                        continue;
                }

                var word = "w" + i.ToString(CultureInfo.InvariantCulture);
                var parse = Parse(parameter, word, local, enums);
                if (parameter.Kind == CommandParameterKind.String)
                {
                    if (parameter.Default is { } text)
                    {
                        writer.WriteLine($"{TypeOf(parameter)} {local} = {text};");
                        using (writer.Block($"if (reader.TryNext(out var {word}))"))
                        {
                            writer.WriteLine($"{local} = {Commands}.String({word});");
                        }
                    }
                    else
                    {
                        using (writer.Block($"if (!reader.TryNext(out var {word}))"))
                        {
                            writer.WriteLine($"return Error(connection, {name}, {Commands}.WrongArity({name}));");
                        }

                        writer.WriteLine($"var {local} = {Commands}.String({word});");
                    }
                }
                else if (parameter.Default is { } fallback)
                {
                    writer.WriteLine($"{TypeOf(parameter)} {local} = {fallback};");
                    using (writer.Block($"if (reader.TryNext(out var {word}) && !{parse})"))
                    {
                        writer.WriteLine($"return Error(connection, {name}, {Commands}.InvalidValue({word}, {SymbolDisplay.FormatLiteral(parameter.Name, quote: true)}, {name}));");
                    }
                }
                else
                {
                    writer.WriteLine($"{TypeOf(parameter)} {local};");
                    using (writer.Block($"if (!reader.TryNext(out var {word}))"))
                    {
                        writer.WriteLine($"return Error(connection, {name}, {Commands}.WrongArity({name}));");
                    }

                    using (writer.Block($"if (!{parse})"))
                    {
                        writer.WriteLine($"return Error(connection, {name}, {Commands}.InvalidValue({word}, {SymbolDisplay.FormatLiteral(parameter.Name, quote: true)}, {name}));");
                    }
                }

                arguments.Add(local);
            }

            if (!hasRest)
            {
                using (writer.Block("if (reader.TryNext(out _))"))
                {
                    writer.WriteLine($"return Error(connection, {name}, {Commands}.WrongArity({name}));");
                }
            }

            writer.WriteLine(Reply(command.Return, $"_handler.{command.MethodName}({string.Join(", ", arguments)})"));
        }
    }

    private static string TypeOf(CommandParameterModel parameter) => parameter.Kind switch
    {
        CommandParameterKind.String => parameter.Default == "null" ? "string?" : "string",
        CommandParameterKind.Int32 => "int",
        CommandParameterKind.Int64 => "long",
        CommandParameterKind.Double => "double",
        CommandParameterKind.Decimal => "decimal",
        CommandParameterKind.Boolean => "bool",
        _ => parameter.Type!,
    };

    // An expression that parses the word into the local and is false when it does not parse.
    private static string Parse(CommandParameterModel parameter, string word, string local, System.Collections.Generic.List<string> enums) => parameter.Kind switch
    {
        CommandParameterKind.Int32 => $"{Commands}.TryInt32({word}, out {local})",
        CommandParameterKind.Int64 => $"{Commands}.TryInt64({word}, out {local})",
        CommandParameterKind.Double => $"{Commands}.TryDouble({word}, out {local})",
        CommandParameterKind.Decimal => $"{Commands}.TryDecimal({word}, out {local})",
        CommandParameterKind.Boolean => $"{Commands}.TryBoolean({word}, out {local})",
        CommandParameterKind.Enum => $"TryParseEnum{enums.IndexOf(parameter.Type!).ToString(CultureInfo.InvariantCulture)}({word}, out {local})",
        _ => "false",
    };

    // A switch over the enum's member names (ASCII case-insensitive): no Enum.Parse, no reflection.
    private static void EmitEnumParser(SourceWriter writer, CommandParameterModel parameter, int index)
    {
        var type = parameter.Type!;
        writer.WriteLine($"/// <summary>Parses a member name of <see cref=\"{type}\"/>, ignoring case.</summary>");
        using (writer.Block($"private static bool TryParseEnum{index.ToString(CultureInfo.InvariantCulture)}({Span} word, out {type} value)"))
        {
            using (writer.Block("switch (word.Length)"))
            {
                foreach (var group in parameter.EnumMembers.GroupBy(m => System.Text.Encoding.UTF8.GetByteCount(m)).OrderBy(g => g.Key))
                {
                    writer.WriteLine($"case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
                    foreach (var member in group)
                    {
                        var identifier = SyntaxFacts.GetKeywordKind(member) != SyntaxKind.None ? "@" + member : member;
                        writer.WriteLine($"    if ({Commands}.NameEquals(word, {SymbolDisplay.FormatLiteral(member, quote: true)}u8)) {{ value = {type}.{identifier}; return true; }}");
                    }

                    writer.WriteLine("    break;");
                }
            }

            writer.WriteLine("""
                value = default;
                return false;
                """);
        }
    }

    private static string Reply(ReturnKind kind, string call) => kind switch
    {
        ReturnKind.Void => $"{call};\nreturn default;",
        ReturnKind.ValueTask => $"return {call};",
        ReturnKind.Task => $"return {Names.Replies}.Done({call});",
        ReturnKind.TaskOfString or ReturnKind.ValueTaskOfString => $"return {Names.Replies}.Line(connection, {call}!);",
        _ => $"return {Names.Replies}.Line(connection, {call});",
    };

    private static void EmitUnknown(SourceWriter writer, HandlerMethodModel? hook)
    {
        writer.WriteLine("/// <summary>A line whose first word names no command.</summary>");
        using (writer.Block($"private {Names.ValueTask} Unknown({Names.Connection} connection, {Span} name, {Span} line)"))
        {
            if (hook is null)
            {
                writer.WriteLine($"return {Commands}.Unknown(connection, name);");
                return;
            }

            var arguments = string.Join(", ", hook.Parameters.Select(p => p switch
            {
                ParameterKind.Connection => "connection",
                ParameterKind.SecondString => $"{Commands}.String(line)",
                _ => $"{Commands}.String(name)",
            }));
            writer.WriteLine(Reply(hook.Return, $"_handler.{hook.Name}({arguments})"));
        }
    }

    private static void EmitError(SourceWriter writer, HandlerMethodModel? hook)
    {
        writer.WriteLine("/// <summary>A command with the wrong number of words or a word that does not parse.</summary>");
        using (writer.Block($"private {Names.ValueTask} Error({Names.Connection} connection, string command, string message)"))
        {
            if (hook is null)
            {
                writer.WriteLine($"return {Commands}.Error(connection, message);");
                return;
            }

            var arguments = string.Join(", ", hook.Parameters.Select(p => p switch
            {
                ParameterKind.Connection => "connection",
                ParameterKind.SecondString => "message",
                _ => "command",
            }));
            writer.WriteLine(Reply(hook.Return, $"_handler.{hook.Name}({arguments})"));
        }
    }
}
