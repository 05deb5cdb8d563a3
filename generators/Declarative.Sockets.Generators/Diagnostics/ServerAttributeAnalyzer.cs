using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Declarative.Sockets.Generators.Model;
using Declarative.Sockets.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Declarative.Sockets.Generators.Diagnostics;

/// <summary>
/// The values of the server attribute: port range (DSK004), privileged port (DSK005), one concurrency mode
/// (DSK006), a positive backlog (DSK013), a Unix socket Path (DSK015), MaxPacketSize in range (DSK016), Forking
/// only on TCP and UDP (DSK018) and limits that are not negative (DSK023). Each is
/// reported on its named argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ServerAttributeAnalyzer : ServerAnalyzer
{
    /// <summary>The <c>[TcpServer]</c> properties that select a concurrency mode, as counted by <see cref="DeclarationRules.ConcurrencyModeCount"/>.</summary>
    private static readonly string[] ModeProperties = { "Threading", "Sequential", "Forking" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PortOutOfRange,
        DiagnosticDescriptors.PrivilegedPort,
        DiagnosticDescriptors.MoreThanOneConcurrencyMode,
        DiagnosticDescriptors.BacklogNotPositive,
        DiagnosticDescriptors.UnixServerWithoutPath,
        DiagnosticDescriptors.MaxPacketSizeOutOfRange,
        DiagnosticDescriptors.ForkingNotSupported,
        DiagnosticDescriptors.LimitNegative);

    /// <inheritdoc />
    private protected override void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute)
    {
        var cancellationToken = context.CancellationToken;
        var classLocation = ServerSymbols.ClassIdentifier(type, attribute, cancellationToken);

        var port = DeclarationRules.Named(attribute, "Port", 0);
        if (!DeclarationRules.IsPortInRange(port))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PortOutOfRange,
                ServerSymbols.NamedArgument(attribute, "Port", classLocation, cancellationToken),
                port.ToString(CultureInfo.InvariantCulture)));
        }
        else if (DeclarationRules.IsPrivilegedPort(port))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PrivilegedPort,
                ServerSymbols.NamedArgument(attribute, "Port", classLocation, cancellationToken),
                port.ToString(CultureInfo.InvariantCulture)));
        }

        var kind = ServerSymbols.KindOf(attribute);
        if (kind is ServerKind.UnixStream or ServerKind.UnixDatagram && !DeclarationRules.IsPathValid(DeclarationRules.Path(attribute)))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnixServerWithoutPath,
                ServerSymbols.NamedArgument(attribute, "Path", classLocation, cancellationToken),
                type.Name,
                KnownNames.AttributeName(kind)));
        }

        var maxPacketSize = DeclarationRules.MaxPacketSize(attribute);
        if (KnownNames.IsDatagram(kind) && !DeclarationRules.IsMaxPacketSizeValid(kind, maxPacketSize))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MaxPacketSizeOutOfRange,
                ServerSymbols.NamedArgument(attribute, "MaxPacketSize", classLocation, cancellationToken),
                maxPacketSize.ToString(CultureInfo.InvariantCulture),
                KnownNames.AttributeName(kind),
                DeclarationRules.MaxPacketSizeLimit(kind).ToString(CultureInfo.InvariantCulture)));
        }

        if (DeclarationRules.IsForking(attribute) && !DeclarationRules.ForkingFitsKind(kind))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ForkingNotSupported,
                ServerSymbols.NamedArgument(attribute, "Forking", classLocation, cancellationToken),
                type.Name,
                KnownNames.AttributeName(kind)));
        }

        var backlog = DeclarationRules.Backlog(attribute);
        if (!DeclarationRules.IsBacklogValid(backlog))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BacklogNotPositive,
                ServerSymbols.NamedArgument(attribute, "Backlog", classLocation, cancellationToken),
                backlog.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var property in DeclarationRules.LimitProperties)
        {
            var value = DeclarationRules.Named(attribute, property, 0);
            if (value < 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.LimitNegative,
                    ServerSymbols.NamedArgument(attribute, property, classLocation, cancellationToken),
                    property,
                    value.ToString(CultureInfo.InvariantCulture)));
            }
        }

        if (DeclarationRules.ConcurrencyModeCount(attribute) > 1)
        {
            var set = new List<string>();
            foreach (var property in ModeProperties)
            {
                if (DeclarationRules.Named(attribute, property, false))
                {
                    set.Add(property);
                }
            }

            // On the argument that added the second mode: the first one alone would have been valid.
            var location = ServerSymbols.NamedArgument(attribute, LastNamed(attribute, set), classLocation, cancellationToken);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MoreThanOneConcurrencyMode, location, type.Name, string.Join(", ", set)));
        }
    }

    /// <summary>Of <paramref name="names"/>, the one whose named argument comes last in the attribute.</summary>
    private static string LastNamed(AttributeData attribute, List<string> names)
    {
        var last = names.Count > 0 ? names[names.Count - 1] : string.Empty;
        foreach (var argument in attribute.NamedArguments)
        {
            if (names.Contains(argument.Key))
            {
                last = argument.Key;
            }
        }

        return last;
    }
}
