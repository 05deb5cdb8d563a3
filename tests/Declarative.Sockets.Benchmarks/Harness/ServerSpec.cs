using System.Collections.Generic;

namespace Declarative.Sockets.Benchmarks.Harness;

/// <summary>How a server process is launched.</summary>
internal enum ServerKind
{
    /// <summary>This program's own <c>serve NAME</c> role.</summary>
    Dotnet,

    /// <summary>A script under <c>peers/</c> run with /usr/bin/python3.</summary>
    Python,

    /// <summary>redis-server answering ECHO.</summary>
    Redis,
}

/// <summary>One server under test.</summary>
internal sealed record ServerSpec(string Name, ServerKind Kind, string Description, string? Script = null, bool Sequential = false)
{
    /// <summary>The reference every ratio is computed against (the established framework).</summary>
    public const string Kestrel = "kestrel";

    /// <summary>The reference every ratio is computed against (the managed limit).</summary>
    public const string Raw = "raw";

    /// <summary>Every server, in table order.</summary>
    public static IReadOnlyList<ServerSpec> All { get; } = new[]
    {
        new ServerSpec("declarative-async", ServerKind.Dotnet, "ours: generated [OnData] echo, default async mode"),
        new ServerSpec("declarative-threading", ServerKind.Dotnet, "ours: generated [OnData] echo, Threading = true"),
        new ServerSpec("declarative-sequential", ServerKind.Dotnet, "ours: generated [OnData] echo, Sequential = true (c=1 only)", Sequential: true),
        new ServerSpec(Raw, ServerKind.Dotnet, "hand-written Socket ReceiveAsync/SendAsync echo, pooled buffers"),
        new ServerSpec(Kestrel, ServerKind.Dotnet, "Kestrel socket transport + ConnectionHandler echo"),
        new ServerSpec("dotnetty", ServerKind.Dotnet, "DotNetty 0.7.6 ServerBootstrap + echo handler"),
        new ServerSpec("python-threading", ServerKind.Python, "python3 socketserver.ThreadingTCPServer recv/sendall echo", Script: "threading_echo.py"),
        new ServerSpec("twisted", ServerKind.Python, "Twisted 22.4 epoll reactor Protocol echo", Script: "twisted_echo.py"),
        new ServerSpec("redis", ServerKind.Redis, "redis-server 7 answering ECHO (native reference)"),
    };

    /// <summary>Whether the server echoes raw bytes (redis answers RESP ECHO only).</summary>
    public bool RawEcho => Kind != ServerKind.Redis;

    /// <summary>Whether the managed heap can be asked for (our <c>serve</c> role answers <c>heap</c> on stdin).</summary>
    public bool Managed => Kind == ServerKind.Dotnet;
}
