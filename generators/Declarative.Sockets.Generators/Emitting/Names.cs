namespace Declarative.Sockets.Generators.Emitting;

/// <summary>Fully qualified names the emitted code uses, so user types with the same names cannot capture them.</summary>
internal static class Names
{
    public const string Sockets = "global::Declarative.Sockets";
    public const string Connection = Sockets + ".Connection";
    public const string DisconnectReason = Sockets + ".DisconnectReason";
    public const string Datagram = Sockets + ".Datagram";
    public const string EndPoint = "global::System.Net.EndPoint";
    public const string TimeSpan = "global::System.TimeSpan";
    public const string UnixFileMode = "global::System.IO.UnixFileMode";
    public const string Encoding = "global::System.Text.Encoding";
    public const string Replies = Sockets + ".Replies";
    public const string Blocking = Sockets + ".Blocking";
    public const string Runner = Sockets + ".Hosting.ServerRunner";
    public const string ForkingRunner = Sockets + ".Hosting.ForkingRunner";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfBool = ValueTask + "<bool>";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Exception = "global::System.Exception";
    public const string ReadOnlyMemoryOfByte = "global::System.ReadOnlyMemory<byte>";
    public const string OperationCanceledException = "global::System.OperationCanceledException";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";

    /// <summary>The <c>FrameFormat</c> member for an [OnFrame] Format value (the parser skips undefined values, DSK019).</summary>
    public static string FrameFormat(int value) => Sockets + ".FrameFormat." + Parsing.DeclarationRules.FrameFormats[value];

    /// <summary>The options type of a server kind.</summary>
    public static string Options(Model.ServerKind kind) => kind switch
    {
        Model.ServerKind.Tcp => Sockets + ".TcpServerOptions",
        Model.ServerKind.UnixStream => Sockets + ".UnixStreamServerOptions",
        Model.ServerKind.Udp => Sockets + ".UdpServerOptions",
        _ => Sockets + ".UnixDatagramServerOptions",
    };

    /// <summary>The runtime base class the generated <c>Server</c> derives from.</summary>
    public static string ServerBase(Model.ServerKind kind) => kind switch
    {
        Model.ServerKind.Tcp => Sockets + ".TcpSocketServer",
        Model.ServerKind.UnixStream => Sockets + ".UnixStreamSocketServer",
        Model.ServerKind.Udp => Sockets + ".UdpSocketServer",
        _ => Sockets + ".UnixDatagramSocketServer",
    };
}
