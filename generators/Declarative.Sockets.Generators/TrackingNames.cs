namespace Declarative.Sockets.Generators;

/// <summary>Names of the pipeline steps, shared with the incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string TcpServers = nameof(TcpServers);
    public const string ValidTcpServers = nameof(ValidTcpServers);
}
