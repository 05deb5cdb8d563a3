namespace Declarative.Sockets.Generators.Emitting;

/// <summary>Fully qualified names the emitted code uses, so user types with the same names cannot capture them.</summary>
internal static class Names
{
    public const string Sockets = "global::Declarative.Sockets";
    public const string Connection = Sockets + ".Connection";
    public const string DisconnectReason = Sockets + ".DisconnectReason";
    public const string Options = Sockets + ".TcpServerOptions";
    public const string ServerBase = Sockets + ".TcpSocketServer";
    public const string Replies = Sockets + ".Replies";
    public const string Blocking = Sockets + ".Blocking";
    public const string Runner = Sockets + ".Hosting.ServerRunner";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Exception = "global::System.Exception";
    public const string ReadOnlyMemoryOfByte = "global::System.ReadOnlyMemory<byte>";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";
}
