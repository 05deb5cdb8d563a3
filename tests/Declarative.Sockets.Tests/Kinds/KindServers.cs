using System.IO;
using System.Text;

namespace Declarative.Sockets.Tests.Kinds;

/// <summary>socketserver's StreamRequestHandler on a Unix socket: blocking rfile/wfile on the handler's own thread.</summary>
[UnixStreamServer("/tmp/declarative-tests-unused.sock", Threading = true)]
public partial class UnixStreamHandler
{
    [Handle]
    public void Run(Connection c)
    {
        using var rfile = new StreamReader(c.Stream, new UTF8Encoding(false));
        while (rfile.ReadLine() is { } line)
        {
            var reply = line == "nodelay" ? c.NoDelay.ToString() : line.ToUpperInvariant();
            c.Stream.Write(Encoding.UTF8.GetBytes(reply + "\n")); // wfile: no flush needed
        }
    }
}

/// <summary>Reports its connection's TCP_NODELAY.</summary>
[TcpServer]
public partial class NoDelayTcp
{
    [OnLine] public string Reply(string line, Connection c) => c.NoDelay.ToString();
}
