namespace Declarative.Sockets.Generators.Model;

/// <summary>The declared concurrency mode; each is emitted as its own dispatch and processing code.</summary>
internal enum ConcurrencyMode
{
    Async,
    Threading,
    Sequential,

    /// <summary>ForkingMixIn: the nested server is the async one; RunAsync supervises worker processes.</summary>
    Forking,
}

/// <summary>The server attribute: which socket kind the generated server binds.</summary>
internal enum ServerKind
{
    Tcp,
    UnixStream,
    Udp,
    UnixDatagram,
}

/// <summary>What a handler method is for, from its attribute.</summary>
internal enum MemberRole
{
    Handle,
    OnData,
    OnLine,
    OnConnect,
    OnDisconnect,
    OnError,
    OnDatagram,
    VerifyRequest,
    OnTimeout,
    ServiceActions,
    OnFrame,

    /// <summary>A [Command] method; together they form a command server's body.</summary>
    Command,
    OnUnknownCommand,
    OnCommandError,
    OnIdle,
}

/// <summary>What the generated code passes for one handler parameter.</summary>
internal enum ParameterKind
{
    Connection,
    CancellationToken,
    RemoteEndPoint,
    DisconnectReason,
    Exception,
    PayloadString,
    PayloadSpan,
    PayloadMemory,

    /// <summary>A user frame type (IFrame&lt;T&gt;) of an [OnFrame] method.</summary>
    PayloadFrame,

    /// <summary>A second string of a command hook: the whole line ([OnUnknownCommand]) or the message ([OnCommandError]).</summary>
    SecondString,
}

/// <summary>How a [Command] parameter gets its value: from the next word, the rest of the words, or the connection.</summary>
internal enum CommandParameterKind
{
    Connection,
    CancellationToken,
    RemoteEndPoint,
    String,
    Int32,
    Int64,
    Double,
    Decimal,
    Boolean,
    Enum,

    /// <summary>A trailing string[] (params or not): the remaining words.</summary>
    Rest,
}

/// <summary>How the generated code treats a handler's return value.</summary>
internal enum ReturnKind
{
    Void,
    Task,
    ValueTask,
    String,
    TaskOfString,
    ValueTaskOfString,
    ByteArray,
    ReadOnlyMemoryOfByte,
    Bool,

    /// <summary>The [OnFrame] method's user frame type, written back through its IFrame&lt;T&gt;.Write.</summary>
    Frame,
    TaskOfFrame,
    ValueTaskOfFrame,
}
