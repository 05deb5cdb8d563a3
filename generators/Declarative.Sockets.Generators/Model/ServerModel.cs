namespace Declarative.Sockets.Generators.Model;

/// <summary>Everything the emitter needs for one server; no symbols, syntax or locations, so it caches.</summary>
internal sealed record ServerModel(
    string? Namespace,
    string TypeName,
    string TypeKeyword,
    string FullyQualifiedName,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    ServerKind Kind,
    ServerDefaults Defaults,
    ConcurrencyMode Mode,
    HandlerMethodModel Body,
    HandlerMethodModel? OnConnect,
    HandlerMethodModel? OnDisconnect,
    HandlerMethodModel? OnError,
    HandlerMethodModel? VerifyRequest,
    HandlerMethodModel? OnTimeout,
    HandlerMethodModel? ServiceActions,
    EquatableArray<CommandModel> Commands = default,
    HandlerMethodModel? OnUnknownCommand = null,
    HandlerMethodModel? OnCommandError = null,
    HandlerMethodModel? OnIdle = null)
{
    /// <summary>True for the datagram kinds (UDP, Unix datagram).</summary>
    public bool IsDatagram => Kind is ServerKind.Udp or ServerKind.UnixDatagram;

    /// <summary>True for the Unix socket kinds.</summary>
    public bool IsUnix => Kind is ServerKind.UnixStream or ServerKind.UnixDatagram;
}

/// <summary>A type the server class is nested in, e.g. <c>partial class Outer</c>.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>The attribute's values, emitted as the server's default options; each kind uses its own subset.</summary>
internal sealed record ServerDefaults(
    string Host,
    int Port,
    int Backlog,
    bool ReuseAddress,
    bool NoDelay,
    string Path,
    int FileMode,
    int MaxPacketSize,
    int TimeoutMs,
    int IdleTimeoutMs,
    int MaxConnections,
    int OverLimit,
    int MaxConnectionsPerPeer,
    int MaxReadBytesPerSecond,
    bool DaemonThreads,
    bool BlockOnClose,
    int MaxChildren);

/// <summary>
/// A handler method and how to call it; <paramref name="Limit"/> is the [OnLine] or [OnFrame] MaxLength or the
/// [ServiceActions] interval; <paramref name="FrameFormat"/> is the [OnFrame] Format value; <paramref name="FrameType"/> the
/// fully qualified user frame type of an [OnFrame] method that takes one (its Format does not apply).
/// </summary>
internal sealed record HandlerMethodModel(
    MemberRole Role,
    string Name,
    ReturnKind Return,
    EquatableArray<ParameterKind> Parameters,
    int Limit,
    int FrameFormat = 0,
    string? FrameType = null)
{
    /// <summary>The [OnLine] or [OnFrame] MaxLength.</summary>
    public int MaxLength => Limit;
}

/// <summary>A [Command] method: its command word and how each parameter is bound.</summary>
internal sealed record CommandModel(
    string Name,
    bool CaseSensitive,
    string MethodName,
    ReturnKind Return,
    EquatableArray<CommandParameterModel> Parameters);

/// <summary>
/// One [Command] parameter; <paramref name="Type"/> is the fully qualified enum type, <paramref name="EnumMembers"/> its
/// member names, <paramref name="Default"/> the C# expression of an optional parameter's default (null when required).
/// </summary>
internal sealed record CommandParameterModel(
    CommandParameterKind Kind,
    string Name,
    string? Type,
    EquatableArray<string> EnumMembers,
    string? Default)
{
    /// <summary>True when the value comes from the line's words.</summary>
    public bool IsWord => Kind is not (CommandParameterKind.Connection or CommandParameterKind.CancellationToken or CommandParameterKind.RemoteEndPoint);
}
