using Declarative.Sockets;

namespace Declarative.Samples;

/// <summary>A line echo server: every line a client sends comes straight back.</summary>
[TcpServer(Port = 9000)]
public partial class EchoServer
{
    [OnLine]
    public string Reply(string line) => line;
}
