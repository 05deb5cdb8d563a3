using System.Collections.Immutable;
using System.Linq;
using Declarative.Sockets.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Declarative.Sockets.Generators.Diagnostics;

/// <summary>
/// The shape of the <c>[TcpServer]</c> class itself: partial (DSK001), partial containing types (DSK002), not generic
/// (DSK003), creatable with <c>new T()</c> (DSK011), and one server attribute (DSK017). Decisions come from <see cref="DeclarationRules"/>, as in the parser.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ServerDeclarationAnalyzer : ServerAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ServerMustBePartial,
        DiagnosticDescriptors.ContainingTypeMustBePartial,
        DiagnosticDescriptors.GenericServerNotSupported,
        DiagnosticDescriptors.HandlerNotCreatable,
        DiagnosticDescriptors.MoreThanOneServerAttribute);

    /// <inheritdoc />
    private protected override void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute)
    {
        var cancellationToken = context.CancellationToken;
        if (!DeclarationRules.IsPartial(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ServerMustBePartial, NonPartialIdentifier(type, cancellationToken) ?? ServerSymbols.ClassIdentifier(type, attribute, cancellationToken), type.Name));
        }

        if (DeclarationRules.FirstNonPartialContainer(type) is not null)
        {
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (!DeclarationRules.IsPartial(outer))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ContainingTypeMustBePartial,
                        NonPartialIdentifier(outer, cancellationToken) ?? ServerSymbols.TypeIdentifier(outer, cancellationToken),
                        outer.Name,
                        type.Name));
                }
            }
        }

        if (DeclarationRules.IsGeneric(type))
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.Arity > 0)
                {
                    var location = SymbolEqualityComparer.Default.Equals(current, type)
                        ? ServerSymbols.ClassIdentifier(type, attribute, cancellationToken)
                        : ServerSymbols.TypeIdentifier(current, cancellationToken);
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.GenericServerNotSupported,
                        location,
                        current.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                        type.Name));
                    break;
                }
            }
        }

        if (DeclarationRules.ServerAttributeCount(type) > 1)
        {
            var names = type.GetAttributes()
                .Select(a => KnownNames.KindOf(a.AttributeClass?.ToDisplayString()))
                .Where(k => k is not null)
                .Select(k => KnownNames.AttributeName(k!.Value));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MoreThanOneServerAttribute,
                ServerSymbols.ClassIdentifier(type, attribute, cancellationToken),
                type.Name,
                string.Join(", ", names)));
        }

        if (!DeclarationRules.CanCreate(type))
        {
            var reason = type.IsStatic ? "it is static"
                : type.IsAbstract ? "it is abstract"
                : "it has no parameterless constructor";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.HandlerNotCreatable, ServerSymbols.ClassIdentifier(type, attribute, cancellationToken), type.Name, reason));
        }
    }

    /// <summary>The identifier of the first declaration of <paramref name="type"/> without the <c>partial</c> modifier.</summary>
    private static Location? NonPartialIdentifier(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return declaration.Identifier.GetLocation();
            }
        }

        return null;
    }
}
