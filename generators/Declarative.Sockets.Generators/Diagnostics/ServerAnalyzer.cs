using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Declarative.Sockets.Generators.Diagnostics;

/// <summary>
/// What every Declarative analyzer shares: skip generated code, run concurrently, and look only at classes carrying
/// a server attribute. Each concern implements <see cref="Analyze"/>.
/// </summary>
public abstract class ServerAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ServerSymbols.RegisterForServers(context, Analyze);
    }

    /// <summary>Checks one server class; <paramref name="serverAttribute"/> is its server attribute.</summary>
    private protected abstract void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData serverAttribute);
}
