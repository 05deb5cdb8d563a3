namespace Declarative.Sockets.Generators;

/// <summary>Names of the pipeline steps, shared with the incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string TcpServers = nameof(TcpServers);
    public const string ValidTcpServers = nameof(ValidTcpServers);
    public const string UnixStreamServers = nameof(UnixStreamServers);
    public const string ValidUnixStreamServers = nameof(ValidUnixStreamServers);
    public const string UdpServers = nameof(UdpServers);
    public const string ValidUdpServers = nameof(ValidUdpServers);
    public const string UnixDatagramServers = nameof(UnixDatagramServers);
    public const string ValidUnixDatagramServers = nameof(ValidUnixDatagramServers);
}
