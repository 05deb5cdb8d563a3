using Declarative.Sockets.Generators.Model;

namespace Declarative.Sockets.Generators.Parsing;

/// <summary>Metadata names of the runtime's attributes and the types handler signatures may use.</summary>
internal static class KnownNames
{
    public const string TcpServerAttribute = "Declarative.Sockets.TcpServerAttribute";
    public const string UdpServerAttribute = "Declarative.Sockets.UdpServerAttribute";
    public const string UnixStreamServerAttribute = "Declarative.Sockets.UnixStreamServerAttribute";
    public const string UnixDatagramServerAttribute = "Declarative.Sockets.UnixDatagramServerAttribute";
    public const string OnDatagramAttribute = "Declarative.Sockets.OnDatagramAttribute";
    public const string VerifyRequestAttribute = "Declarative.Sockets.VerifyRequestAttribute";
    public const string OnTimeoutAttribute = "Declarative.Sockets.OnTimeoutAttribute";
    public const string ServiceActionsAttribute = "Declarative.Sockets.ServiceActionsAttribute";
    public const string HandleAttribute = "Declarative.Sockets.HandleAttribute";
    public const string OnDataAttribute = "Declarative.Sockets.OnDataAttribute";
    public const string OnLineAttribute = "Declarative.Sockets.OnLineAttribute";
    public const string OnFrameAttribute = "Declarative.Sockets.OnFrameAttribute";
    public const string OnConnectAttribute = "Declarative.Sockets.OnConnectAttribute";
    public const string OnDisconnectAttribute = "Declarative.Sockets.OnDisconnectAttribute";
    public const string OnErrorAttribute = "Declarative.Sockets.OnErrorAttribute";
    public const string CommandAttribute = "Declarative.Sockets.CommandAttribute";
    public const string OnUnknownCommandAttribute = "Declarative.Sockets.OnUnknownCommandAttribute";
    public const string OnCommandErrorAttribute = "Declarative.Sockets.OnCommandErrorAttribute";
    public const string OnIdleAttribute = "Declarative.Sockets.OnIdleAttribute";

    public const string Connection = "Declarative.Sockets.Connection";
    public const string DisconnectReason = "Declarative.Sockets.DisconnectReason";
    public const string FrameInterface = "Declarative.Sockets.IFrame`1";

    /// <summary>The role an attribute gives its method, or null when it is none of ours.</summary>
    public static MemberRole? RoleOf(string? attributeMetadataName) => attributeMetadataName switch
    {
        HandleAttribute => MemberRole.Handle,
        OnDataAttribute => MemberRole.OnData,
        OnLineAttribute => MemberRole.OnLine,
        OnFrameAttribute => MemberRole.OnFrame,
        OnConnectAttribute => MemberRole.OnConnect,
        OnDisconnectAttribute => MemberRole.OnDisconnect,
        OnErrorAttribute => MemberRole.OnError,
        OnDatagramAttribute => MemberRole.OnDatagram,
        VerifyRequestAttribute => MemberRole.VerifyRequest,
        OnTimeoutAttribute => MemberRole.OnTimeout,
        ServiceActionsAttribute => MemberRole.ServiceActions,
        CommandAttribute => MemberRole.Command,
        OnUnknownCommandAttribute => MemberRole.OnUnknownCommand,
        OnCommandErrorAttribute => MemberRole.OnCommandError,
        OnIdleAttribute => MemberRole.OnIdle,
        _ => null,
    };

    /// <summary>Every server attribute, in the order of <see cref="ServerKind"/>.</summary>
    public static readonly string[] ServerAttributes = { TcpServerAttribute, UnixStreamServerAttribute, UdpServerAttribute, UnixDatagramServerAttribute };

    /// <summary>The kind a server attribute declares, or null when it is none of ours.</summary>
    public static ServerKind? KindOf(string? attributeMetadataName) => attributeMetadataName switch
    {
        TcpServerAttribute => ServerKind.Tcp,
        UnixStreamServerAttribute => ServerKind.UnixStream,
        UdpServerAttribute => ServerKind.Udp,
        UnixDatagramServerAttribute => ServerKind.UnixDatagram,
        _ => null,
    };

    public static string AttributeName(ServerKind kind) => kind switch
    {
        ServerKind.Tcp => "[TcpServer]",
        ServerKind.UnixStream => "[UnixStreamServer]",
        ServerKind.Udp => "[UdpServer]",
        _ => "[UnixDatagramServer]",
    };

    /// <summary>The stream body attributes, for messages.</summary>
    public const string StreamBodies = "[Handle], [OnData], [OnLine], [OnFrame] or [Command] methods";

    public static bool IsDatagram(ServerKind kind) => kind is ServerKind.Udp or ServerKind.UnixDatagram;

    public static bool IsBody(MemberRole role) => role is MemberRole.Handle or MemberRole.OnData or MemberRole.OnLine or MemberRole.OnFrame or MemberRole.OnDatagram or MemberRole.Command;

    public static string AttributeName(MemberRole role) => role switch
    {
        MemberRole.Handle => "[Handle]",
        MemberRole.OnData => "[OnData]",
        MemberRole.OnLine => "[OnLine]",
        MemberRole.OnFrame => "[OnFrame]",
        MemberRole.OnConnect => "[OnConnect]",
        MemberRole.OnDisconnect => "[OnDisconnect]",
        MemberRole.OnDatagram => "[OnDatagram]",
        MemberRole.VerifyRequest => "[VerifyRequest]",
        MemberRole.OnTimeout => "[OnTimeout]",
        MemberRole.ServiceActions => "[ServiceActions]",
        MemberRole.Command => "[Command]",
        MemberRole.OnUnknownCommand => "[OnUnknownCommand]",
        MemberRole.OnCommandError => "[OnCommandError]",
        MemberRole.OnIdle => "[OnIdle]",
        _ => "[OnError]",
    };
}
