using Declarative.Sockets.Generators.Emitting;
using Declarative.Sockets.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Declarative.Sockets.Generators;

/// <summary>
/// Emits a nested <c>Server</c> and <c>RunAsync(args)</c> for every valid partial class carrying a server attribute
/// (<c>[TcpServer]</c>, <c>[UnixStreamServer]</c>, <c>[UdpServer]</c>, <c>[UnixDatagramServer]</c>), one tracked
/// step per attribute. The pipeline only: parsing, model and emitting live in their folders.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ServerGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        Register(context, KnownNames.TcpServerAttribute, TrackingNames.TcpServers, TrackingNames.ValidTcpServers);
        Register(context, KnownNames.UnixStreamServerAttribute, TrackingNames.UnixStreamServers, TrackingNames.ValidUnixStreamServers);
        Register(context, KnownNames.UdpServerAttribute, TrackingNames.UdpServers, TrackingNames.ValidUdpServers);
        Register(context, KnownNames.UnixDatagramServerAttribute, TrackingNames.UnixDatagramServers, TrackingNames.ValidUnixDatagramServers);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, string attribute, string parsedStep, string validStep)
    {
        var servers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: ServerParser.Parse)
            .WithTrackingName(parsedStep)
            .Where(static model => model is not null)
            .WithTrackingName(validStep);

        context.RegisterSourceOutput(servers, static (output, model) =>
        {
            var source = ServerEmitter.Emit(model!);
            output.AddSource(ServerEmitter.HintName(model!), source);
        });
    }
}
