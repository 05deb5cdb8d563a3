using System;
using System.Globalization;
using Declarative.Sockets;

namespace Declarative.Samples;

/// <summary>
/// A UDP echo server in ForkingMixIn style: a supervisor runs two worker processes bound to one port with
/// SO_REUSEPORT; the kernel spreads datagrams among them. <c>pid</c> answers the worker's process id.
/// </summary>
[UdpServer(Port = 9001, Forking = true, MaxChildren = 2)]
public partial class EchoForkingUdpServer
{
    [OnDatagram]
    public string Reply(string text) => text == "pid" ? Environment.ProcessId.ToString(CultureInfo.InvariantCulture) : text;
}
