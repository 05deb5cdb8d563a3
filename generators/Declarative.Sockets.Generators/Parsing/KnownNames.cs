using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Parsing;

/// <summary>Metadata names of the runtime's attributes and the types handler signatures may use.</summary>
internal static class KnownNames
{
    public const string TcpServerAttribute = "Declarative.Sockets.TcpServerAttribute";
    public const string HandleAttribute = "Declarative.Sockets.HandleAttribute";
    public const string OnDataAttribute = "Declarative.Sockets.OnDataAttribute";
    public const string OnLineAttribute = "Declarative.Sockets.OnLineAttribute";
    public const string OnConnectAttribute = "Declarative.Sockets.OnConnectAttribute";
    public const string OnDisconnectAttribute = "Declarative.Sockets.OnDisconnectAttribute";
    public const string OnErrorAttribute = "Declarative.Sockets.OnErrorAttribute";

    public const string Connection = "Declarative.Sockets.Connection";
    public const string DisconnectReason = "Declarative.Sockets.DisconnectReason";

    /// <summary>The role an attribute gives its method, or null when it is none of ours.</summary>
    public static MemberRole? RoleOf(string? attributeMetadataName) => attributeMetadataName switch
    {
        HandleAttribute => MemberRole.Handle,
        OnDataAttribute => MemberRole.OnData,
        OnLineAttribute => MemberRole.OnLine,
        OnConnectAttribute => MemberRole.OnConnect,
        OnDisconnectAttribute => MemberRole.OnDisconnect,
        OnErrorAttribute => MemberRole.OnError,
        _ => null,
    };

    public static bool IsBody(MemberRole role) => role is MemberRole.Handle or MemberRole.OnData or MemberRole.OnLine;

    public static string AttributeName(MemberRole role) => role switch
    {
        MemberRole.Handle => "[Handle]",
        MemberRole.OnData => "[OnData]",
        MemberRole.OnLine => "[OnLine]",
        MemberRole.OnConnect => "[OnConnect]",
        MemberRole.OnDisconnect => "[OnDisconnect]",
        _ => "[OnError]",
    };
}
