using Declarative.Sockets;

namespace Declarative.Samples;

/// <summary>A line echo server on a Unix stream socket: every line a client sends comes straight back.</summary>
[UnixStreamServer("/tmp/declarative-echo.sock")]
public partial class EchoUnixServer
{
    [OnLine]
    public string Reply(string line) => line;
}
