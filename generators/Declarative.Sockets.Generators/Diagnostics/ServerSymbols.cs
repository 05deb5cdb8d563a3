using System.Linq;
using System.Threading;
using Declarative.Sockets.Generators.Model;
using Declarative.Sockets.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Declarative.Sockets.Generators.Diagnostics;

/// <summary>What the analyzers share: finding server classes (any server attribute) and the syntax a diagnostic points at.</summary>
internal static class ServerSymbols
{
    /// <summary>
    /// Registers <paramref name="analyze"/> for every class carrying a server attribute, with the first such attribute.
    /// Nothing is registered when the compilation does not reference the runtime.
    /// </summary>
    public static void RegisterForServers(AnalysisContext context, System.Action<SymbolAnalysisContext, INamedTypeSymbol, AttributeData> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var serverAttributes = KnownNames.ServerAttributes
                .Select(name => start.Compilation.GetTypeByMetadataName(name))
                .Where(symbol => symbol is not null)
                .ToArray();
            if (serverAttributes.Length == 0)
            {
                return;
            }

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    if (symbolContext.Symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type &&
                        ServerAttribute(type, serverAttributes!) is { } attribute)
                    {
                        analyze(symbolContext, type, attribute);
                    }
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>The server kind <paramref name="attribute"/> declares.</summary>
    public static ServerKind KindOf(AttributeData attribute) =>
        KnownNames.KindOf(attribute.AttributeClass?.ToDisplayString()) ?? ServerKind.Tcp;

    /// <summary>The first of our server attributes on <paramref name="type"/>, in source order.</summary>
    private static AttributeData? ServerAttribute(INamedTypeSymbol type, INamedTypeSymbol[] serverAttributes)
    {
        foreach (var attribute in type.GetAttributes())
        {
            foreach (var serverAttribute in serverAttributes)
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, serverAttribute))
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    /// <summary>The identifier of the declaration that carries <paramref name="attribute"/>, else of the first declaration.</summary>
    public static Location ClassIdentifier(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { Parent.Parent: TypeDeclarationSyntax declaration })
        {
            return declaration.Identifier.GetLocation();
        }

        return TypeIdentifier(type, cancellationToken);
    }

    /// <summary>The identifier of the first declaration of <paramref name="type"/>.</summary>
    public static Location TypeIdentifier(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                return declaration.Identifier.GetLocation();
            }
        }

        return type.Locations.FirstOrDefault() ?? Location.None;
    }

    /// <summary>The identifier of the method declaration that carries <paramref name="attribute"/>.</summary>
    public static Location MethodIdentifier(IMethodSymbol method, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { Parent.Parent: MethodDeclarationSyntax declaration })
        {
            return declaration.Identifier.GetLocation();
        }

        return method.Locations.FirstOrDefault() ?? Location.None;
    }

    /// <summary>
    /// The named argument <c>name = value</c> of <paramref name="attribute"/>; else the attribute; else <paramref name="fallback"/>.
    /// </summary>
    public static Location NamedArgument(AttributeData attribute, string name, Location fallback, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return fallback;
        }

        if (syntax.ArgumentList is { } list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }
            }
        }

        return syntax.GetLocation();
    }

    /// <summary>The first positional argument of <paramref name="attribute"/>; else the attribute; else <paramref name="fallback"/>.</summary>
    public static Location ConstructorArgument(AttributeData attribute, Location fallback, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return fallback;
        }

        if (syntax.ArgumentList is { } list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals is null && argument.NameColon is null)
                {
                    return argument.GetLocation();
                }
            }
        }

        return syntax.GetLocation();
    }
}
