namespace Declarative.Sockets;

/// <summary>What the TCP and UDP options share: the command line and the forking supervisor set these.</summary>
internal interface IIpServerOptions
{
    string Host { get; set; }

    int Port { get; set; }

    bool ReusePort { get; set; }
}

/// <summary>What the Unix stream and datagram options share.</summary>
internal interface IUnixServerOptions
{
    string Path { get; set; }
}
