using Declarative.Sockets.Generators.Emitting;
using Declarative.Sockets.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Declarative.Sockets.Generators;

/// <summary>
/// Emits a nested <c>Server</c> and <c>RunAsync(args)</c> for every valid <c>[TcpServer]</c> partial class.
/// The pipeline only: parsing, model and emitting live in their folders.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ServerGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var servers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.TcpServerAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: ServerParser.Parse)
            .WithTrackingName(TrackingNames.TcpServers)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.ValidTcpServers);

        context.RegisterSourceOutput(servers, static (output, model) =>
        {
            var source = ServerEmitter.Emit(model!);
            output.AddSource(ServerEmitter.HintName(model!), source);
        });
    }
}
