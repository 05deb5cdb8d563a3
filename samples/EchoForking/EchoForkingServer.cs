using System;
using System.Globalization;
using Declarative.Sockets;

namespace Declarative.Samples;

/// <summary>
/// A line echo server in ForkingMixIn style: a supervisor runs three worker processes that share the port.
/// Two extra commands show the process model: <c>pid</c> answers the worker's process id, <c>crash</c> kills the
/// worker (Environment.FailFast), which takes only its own connections with it; the supervisor starts a replacement.
/// </summary>
[TcpServer(Port = 9000, Forking = true, MaxChildren = 3)]
public partial class EchoForkingServer
{
    [OnLine]
    public string Reply(string line)
    {
        switch (line)
        {
            case "pid":
                return Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            case "crash":
                Environment.FailFast("crash requested by a client");
                return line;
            default:
                return line;
        }
    }
}
