using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Declarative.Sockets.Generators.Model;
using Declarative.Sockets.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Declarative.Sockets.Generators.Diagnostics;

/// <summary>
/// The handler methods of a server class: exactly one body method (DSK007, DSK008), supported signatures
/// (DSK009, from <see cref="HandlerShapes"/>), each hook at most once (DSK010), a positive <c>[OnLine]</c>/<c>[OnFrame]</c> MaxLength
/// (DSK012), a defined <c>[OnFrame]</c> Format (DSK019) and members that fit the server kind (DSK014). Methods are enumerated by <see cref="DeclarationRules.HandlerMembers"/>, as in the parser.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerMethodAnalyzer : ServerAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NoBodyMethod,
        DiagnosticDescriptors.MoreThanOneBodyMethod,
        DiagnosticDescriptors.UnsupportedHandlerSignature,
        DiagnosticDescriptors.HookDeclaredTwice,
        DiagnosticDescriptors.MaxLengthNotPositive,
        DiagnosticDescriptors.MemberDoesNotFitServerKind,
        DiagnosticDescriptors.FrameFormatNotDefined,
        DiagnosticDescriptors.DuplicateCommandName,
        DiagnosticDescriptors.UnsupportedCommandParameter,
        DiagnosticDescriptors.CommandArrayNotLast);

    /// <inheritdoc />
    private protected override void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData serverAttribute)
    {
        var cancellationToken = context.CancellationToken;
        var kind = ServerSymbols.KindOf(serverAttribute);
        var datagram = KnownNames.IsDatagram(kind);
        IMethodSymbol? firstBody = null;
        var firstBodyRole = MemberRole.Handle;
        var commands = new List<(string Name, bool CaseSensitive, IMethodSymbol Method)>();
        IMethodSymbol? commandHook = null;
        var firstHooks = new Dictionary<MemberRole, IMethodSymbol>();

        foreach (var (method, role, attribute) in DeclarationRules.HandlerMembers(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var location = ServerSymbols.MethodIdentifier(method, attribute, cancellationToken);
            var attributeName = KnownNames.AttributeName(role);

            // As in ServerParser: an [OnLine] or [OnFrame] limit that is not positive makes the class invalid.
            var maxLength = DeclarationRules.HasMaxLength(role) ? DeclarationRules.MaxLength(attribute, role) : 0;
            if (DeclarationRules.HasMaxLength(role) && !DeclarationRules.IsMaxLengthValid(maxLength))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MaxLengthNotPositive,
                    ServerSymbols.NamedArgument(attribute, "MaxLength", location, cancellationToken),
                    maxLength.ToString(CultureInfo.InvariantCulture),
                    method.Name,
                    attributeName));
            }

            if (role == MemberRole.OnFrame && DeclarationRules.FrameFormat(attribute) is var format && !DeclarationRules.IsFrameFormatDefined(format))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.FrameFormatNotDefined,
                    ServerSymbols.NamedArgument(attribute, "Format", location, cancellationToken),
                    format.ToString(CultureInfo.InvariantCulture),
                    method.Name));
            }

            if (!DeclarationRules.RoleFitsKind(role, kind))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MemberDoesNotFitServerKind,
                    location,
                    attributeName,
                    method.Name,
                    KnownNames.AttributeName(kind),
                    datagram
                        ? "a datagram server has no connections; its body is one [OnDatagram] method"
                        : "a stream server serves connections; its body is " + KnownNames.StreamBodies));
            }
            else if (role == MemberRole.Command)
            {
                AnalyzeCommand(context, method, attribute, location, commands);
            }
            else if (HandlerShapes.Classify(method, role, maxLength, kind) is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedHandlerSignature, location, attributeName, method.Name, HandlerShapes.Describe(role, datagram)));
            }

            if (KnownNames.IsBody(role))
            {
                if (firstBody is null)
                {
                    firstBody = method;
                    firstBodyRole = role;
                }
                else if (!(role == MemberRole.Command && firstBodyRole == MemberRole.Command))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.MoreThanOneBodyMethod, location, method.Name, attributeName, type.Name, firstBody.Name));
                }
            }
            else if (firstHooks.TryGetValue(role, out var first))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.HookDeclaredTwice, location, attributeName, method.Name, first.Name));
            }
            else
            {
                firstHooks.Add(role, method);
            }

            if (role is MemberRole.OnUnknownCommand or MemberRole.OnCommandError && DeclarationRules.RoleFitsKind(role, kind) && commandHook is null)
            {
                commandHook = method;
            }
        }

        if (commandHook is not null && firstBodyRole != MemberRole.Command && firstBody is not null)
        {
            var hookAttribute = firstHooks.ContainsKey(MemberRole.OnUnknownCommand) && SymbolEqualityComparer.Default.Equals(firstHooks[MemberRole.OnUnknownCommand], commandHook)
                ? "[OnUnknownCommand]" : "[OnCommandError]";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MemberDoesNotFitServerKind,
                commandHook.Locations[0],
                hookAttribute,
                commandHook.Name,
                KnownNames.AttributeName(kind),
                "its body is " + KnownNames.AttributeName(firstBodyRole) + ", and only a command server (a body of [Command] methods) has commands to answer"));
        }

        if (firstBody is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoBodyMethod,
                ServerSymbols.ClassIdentifier(type, serverAttribute, cancellationToken),
                type.Name,
                datagram ? "[OnDatagram]" : KnownNames.StreamBodies));
        }
    }

    // DSK009 (static, generic, return), DSK021 (a parameter type), DSK022 (a word parameter after the array), DSK020 (a name taken).
    private static void AnalyzeCommand(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, Location location, List<(string Name, bool CaseSensitive, IMethodSymbol Method)> commands)
    {
        var cancellationToken = context.CancellationToken;
        switch (CommandShapes.Problem(method))
        {
            case "type" when CommandShapes.UnsupportedParameter(method) is { } parameter:
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedCommandParameter,
                    parameter.Locations.Length > 0 ? parameter.Locations[0] : location,
                    parameter.Name,
                    parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    method.Name,
                    CommandShapes.SupportedTypes));
                break;
            case "array":
                var after = CommandShapes.ParameterAfterArray(method);
                var array = method.Parameters.First(p => p.Type is IArrayTypeSymbol && (after is null || p.Ordinal < after.Ordinal));
                after ??= method.Parameters.Last(p => p.Type is IArrayTypeSymbol);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CommandArrayNotLast,
                    after.Locations.Length > 0 ? after.Locations[0] : location,
                    array.Name,
                    method.Name,
                    after.Name));
                break;
            case "signature":
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedHandlerSignature, location, "[Command]", method.Name, HandlerShapes.Describe(MemberRole.Command)));
                break;
        }

        var name = CommandShapes.Name(attribute) ?? string.Empty;
        var caseSensitive = CommandShapes.CaseSensitive(attribute);
        foreach (var other in commands)
        {
            if (CommandShapes.Clash(other.Name, other.CaseSensitive, name, caseSensitive))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateCommandName,
                    ServerSymbols.ConstructorArgument(attribute, location, cancellationToken),
                    method.Name,
                    name,
                    other.Method.Name));
                return;
            }
        }

        commands.Add((name, caseSensitive, method));
    }
}
