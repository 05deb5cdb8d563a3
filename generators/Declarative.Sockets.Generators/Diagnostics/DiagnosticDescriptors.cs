using Microsoft.CodeAnalysis;

namespace Declarative.Sockets.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the analyzers report. One ID prefix, <c>DSK</c>; each rule is documented in
/// <c>docs/diagnostics.md</c> under its lowercase ID and listed in <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Declarative.Sockets";

    private const string HelpLinkBase = "https://github.com/declarative-sockets/declarative/blob/main/docs/diagnostics.md#";

    /// <summary>{0}: the class.</summary>
    public static readonly DiagnosticDescriptor ServerMustBePartial = new(
        id: "DSK001",
        title: "Server class must be partial",
        messageFormat: "The server class '{0}' must be declared partial so the generator can add its Server type",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds a nested Server type and a RunAsync method to the server class, which needs every declaration of the class to be partial.",
        helpLinkUri: HelpLinkBase + "dsk001");

    /// <summary>{0}: the containing type; {1}: the server class.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = new(
        id: "DSK002",
        title: "Containing type of a server class must be partial",
        messageFormat: "The type '{0}' contains the server class '{1}' and must be declared partial",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Generated code for a nested server class is emitted inside partial declarations of every containing type, so each of them must be partial.",
        helpLinkUri: HelpLinkBase + "dsk002");

    /// <summary>{0}: the generic type (the server class or a containing type); {1}: the server class.</summary>
    public static readonly DiagnosticDescriptor GenericServerNotSupported = new(
        id: "DSK003",
        title: "Generic server classes are not supported",
        messageFormat: "The server class '{1}' cannot be generic or nested in a generic type, and '{0}' is generic",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated server creates handlers with new T() and needs one closed type: neither the server class nor a type containing it may have type parameters.",
        helpLinkUri: HelpLinkBase + "dsk003");

    /// <summary>{0}: the port.</summary>
    public static readonly DiagnosticDescriptor PortOutOfRange = new(
        id: "DSK004",
        title: "Port out of range",
        messageFormat: "Port {0} is outside 0..65535",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A TCP port is a number from 0 to 65535; 0 lets the operating system pick a free port.",
        helpLinkUri: HelpLinkBase + "dsk004");

    /// <summary>{0}: the port.</summary>
    public static readonly DiagnosticDescriptor PrivilegedPort = new(
        id: "DSK005",
        title: "Privileged port",
        messageFormat: "Port {0} is privileged (1..1023): binding it needs root or CAP_NET_BIND_SERVICE",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "On Linux and macOS only a privileged process may bind ports below 1024; an ordinary user gets 'permission denied' at start-up.",
        helpLinkUri: HelpLinkBase + "dsk005");

    /// <summary>{0}: the class; {1}: the modes set, comma separated.</summary>
    public static readonly DiagnosticDescriptor MoreThanOneConcurrencyMode = new(
        id: "DSK006",
        title: "More than one concurrency mode",
        messageFormat: "The server class '{0}' sets more than one concurrency mode ({1}); choose at most one",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The concurrency modes Threading, Sequential and Forking are mutually exclusive; without any of them the server uses event-driven async I/O.",
        helpLinkUri: HelpLinkBase + "dsk006");

    /// <summary>{0}: the class.</summary>
    public static readonly DiagnosticDescriptor NoBodyMethod = new(
        id: "DSK007",
        title: "Server class has no body method",
        messageFormat: "The server class '{0}' has no body method: mark one method {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A stream server class needs exactly one method that handles a connection's input: [Handle], [OnData], [OnLine] or [OnFrame]; a datagram server class needs one [OnDatagram] method.",
        helpLinkUri: HelpLinkBase + "dsk007");

    /// <summary>{0}: the extra method; {1}: its attribute; {2}: the class; {3}: the first body method.</summary>
    public static readonly DiagnosticDescriptor MoreThanOneBodyMethod = new(
        id: "DSK008",
        title: "More than one body method",
        messageFormat: "The {1} method '{0}' is a second body method of '{2}', which already has '{3}'; a server class has exactly one body method, or only [Command] methods",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A server class has exactly one body kind and one method of it: [Handle], [OnData], [OnLine] or [OnFrame] for stream servers, [OnDatagram] for datagram servers; or, for a command server, any number of [Command] methods and no other body.",
        helpLinkUri: HelpLinkBase + "dsk008");

    /// <summary>{0}: the attribute; {1}: the method; {2}: the supported shapes, from <c>HandlerShapes.Describe</c>.</summary>
    public static readonly DiagnosticDescriptor UnsupportedHandlerSignature = new(
        id: "DSK009",
        title: "Handler method signature not supported",
        messageFormat: "The {0} method '{1}' has a signature the generator does not support: expected {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each handler attribute accepts a fixed set of parameter and return types; the generated dispatch calls the method directly, without reflection.",
        helpLinkUri: HelpLinkBase + "dsk009");

    /// <summary>{0}: the attribute; {1}: the repeated method; {2}: the first method.</summary>
    public static readonly DiagnosticDescriptor HookDeclaredTwice = new(
        id: "DSK010",
        title: "Hook declared twice",
        messageFormat: "The {0} hook is already declared by '{2}'; '{1}' cannot declare it again",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A server class has at most one method per hook: [OnConnect], [OnDisconnect], [OnError], [VerifyRequest], [OnTimeout], [ServiceActions], [OnIdle].",
        helpLinkUri: HelpLinkBase + "dsk010");

    /// <summary>{0}: the class; {1}: the reason.</summary>
    public static readonly DiagnosticDescriptor HandlerNotCreatable = new(
        id: "DSK011",
        title: "Handler class cannot be created",
        messageFormat: "The server class '{0}' cannot be created with new {0}() because {1}; the server creates one instance per connection or datagram",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated server creates one handler instance per connection with a parameterless constructor, so the class must be non-abstract, non-static and have one.",
        helpLinkUri: HelpLinkBase + "dsk011");

    /// <summary>{0}: the value; {1}: the method; {2}: the attribute ([OnLine] or [OnFrame]).</summary>
    public static readonly DiagnosticDescriptor MaxLengthNotPositive = new(
        id: "DSK012",
        title: "MaxLength must be positive",
        messageFormat: "MaxLength {0} of the {2} method '{1}' must be positive",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MaxLength of [OnLine] is the longest accepted line in bytes, delimiter excluded; of [OnFrame], the longest accepted frame payload. It must be at least 1.",
        helpLinkUri: HelpLinkBase + "dsk012");

    /// <summary>{0}: the value.</summary>
    public static readonly DiagnosticDescriptor BacklogNotPositive = new(
        id: "DSK013",
        title: "Backlog must be positive",
        messageFormat: "Backlog {0} must be positive",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Backlog is the length of the listen queue for connections not yet accepted; it must be at least 1.",
        helpLinkUri: HelpLinkBase + "dsk013");

    /// <summary>{0}: the attribute; {1}: the method; {2}: the server attribute; {3}: what that kind takes.</summary>
    public static readonly DiagnosticDescriptor MemberDoesNotFitServerKind = new(
        id: "DSK014",
        title: "Handler member does not fit the server kind",
        messageFormat: "The {0} method '{1}' cannot be used on a {2} class: {3}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Datagram servers ([UdpServer], [UnixDatagramServer]) have no connections: their body is [OnDatagram] and they take no [Handle], [OnData], [OnLine], [OnFrame], [OnConnect] or [OnDisconnect]. Stream servers ([TcpServer], [UnixStreamServer]) take no [OnDatagram].",
        helpLinkUri: HelpLinkBase + "dsk014");

    /// <summary>{0}: the class; {1}: the attribute.</summary>
    public static readonly DiagnosticDescriptor UnixServerWithoutPath = new(
        id: "DSK015",
        title: "Unix socket server without a Path",
        messageFormat: "The {1} class '{0}' needs a socket file Path",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A Unix socket server binds a socket file: give its path as the attribute's argument or its Path property (--path overrides it at run time).",
        helpLinkUri: HelpLinkBase + "dsk015");

    /// <summary>{0}: the value; {1}: the attribute; {2}: the largest allowed value.</summary>
    public static readonly DiagnosticDescriptor MaxPacketSizeOutOfRange = new(
        id: "DSK016",
        title: "MaxPacketSize out of range",
        messageFormat: "MaxPacketSize {0} of {1} is outside 1..{2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MaxPacketSize is the largest datagram accepted, in bytes: at least 1, at most 65507 for UDP (the largest IPv4 UDP payload) and 16777216 for Unix datagrams.",
        helpLinkUri: HelpLinkBase + "dsk016");

    /// <summary>{0}: the class; {1}: the attributes, comma separated.</summary>
    public static readonly DiagnosticDescriptor MoreThanOneServerAttribute = new(
        id: "DSK017",
        title: "More than one server attribute",
        messageFormat: "The class '{0}' carries more than one server attribute ({1}); a class declares one server",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each server attribute generates a nested Server type, so a class can carry only one of [TcpServer], [UnixStreamServer], [UdpServer] and [UnixDatagramServer]. Declare a second class for a second server.",
        helpLinkUri: HelpLinkBase + "dsk017");

    /// <summary>{0}: the class; {1}: the attribute.</summary>
    public static readonly DiagnosticDescriptor ForkingNotSupported = new(
        id: "DSK018",
        title: "Forking is not supported for this server kind",
        messageFormat: "The server class '{0}' sets Forking on {1}; Unix sockets have no SO_REUSEPORT load balancing and .NET's Process.Start cannot hand a listening socket to a worker, so use Threading or a systemd socket unit",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Forking workers share their endpoint by binding it with SO_REUSEPORT, which only TCP and UDP offer. Sharing an inherited listener instead would need the socket passed to each worker, but Process.Start creates sockets close-on-exec and passes no extra file descriptors. Serve a Unix socket with Threading = true, or run several processes under a systemd socket unit.",
        helpLinkUri: HelpLinkBase + "dsk018");

    /// <summary>{0}: the value; {1}: the method.</summary>
    public static readonly DiagnosticDescriptor FrameFormatNotDefined = new(
        id: "DSK019",
        title: "[OnFrame] Format is not a defined FrameFormat",
        messageFormat: "Format {0} of the [OnFrame] method '{1}' is not a defined FrameFormat; use Int8Prefix, Int16Prefix, Int32Prefix or Netstring",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated server reads frames in the format named by Format, so it must be one of the FrameFormat members, not a cast integer.",
        helpLinkUri: HelpLinkBase + "dsk019");

    /// <summary>{0}: the method; {1}: the command name; {2}: the method that already has it.</summary>
    public static readonly DiagnosticDescriptor DuplicateCommandName = new(
        id: "DSK020",
        title: "Command name declared twice",
        messageFormat: "The [Command] method '{0}' declares the command '{1}', which '{2}' already declares; command names must be unique (ignoring ASCII case unless both are CaseSensitive)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The first word of a line selects one command, so no two [Command] methods may match the same word. Names compare ignoring ASCII case unless both commands set CaseSensitive = true.",
        helpLinkUri: HelpLinkBase + "dsk020");

    /// <summary>{0}: the parameter; {1}: its type; {2}: the method; {3}: the supported types.</summary>
    public static readonly DiagnosticDescriptor UnsupportedCommandParameter = new(
        id: "DSK021",
        title: "Command parameter type not supported",
        messageFormat: "The parameter '{0}' of the [Command] method '{2}' has the type '{1}', which the generator cannot parse from a word; supported: {3}; also Connection, CancellationToken and EndPoint",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Command arguments are parsed by generated code, without reflection, so only the listed types can be bound to words. Parse other types yourself from a string parameter.",
        helpLinkUri: HelpLinkBase + "dsk021");

    /// <summary>{0}: the array parameter; {1}: the method; {2}: the parameter after it.</summary>
    public static readonly DiagnosticDescriptor CommandArrayNotLast = new(
        id: "DSK022",
        title: "Command array parameter must be the last word parameter",
        messageFormat: "The string[] parameter '{0}' of the [Command] method '{1}' takes the remaining words, so the word parameter '{2}' after it would never get one; make the array the last word parameter",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A trailing string[] (params or not) takes every remaining word of the line, so it must come after every other word parameter and there can be only one. Connection, CancellationToken and EndPoint may still follow it.",
        helpLinkUri: HelpLinkBase + "dsk022");

    /// <summary>{0}: the property; {1}: the value.</summary>
    public static readonly DiagnosticDescriptor LimitNegative = new(
        id: "DSK023",
        title: "Connection limit must not be negative",
        messageFormat: "{0} {1} must not be negative; 0 means no limit",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "IdleTimeoutMs, MaxConnections, MaxConnectionsPerPeer and MaxReadBytesPerSecond of a stream server are limits where 0 means none; a negative value has no meaning.",
        helpLinkUri: HelpLinkBase + "dsk023");
}
