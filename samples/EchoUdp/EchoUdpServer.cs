using System;
using Declarative.Sockets;

namespace Declarative.Samples;

/// <summary>A UDP echo server: every datagram goes straight back to its sender.</summary>
[UdpServer(Port = 9001)]
public partial class EchoUdpServer
{
    [OnDatagram]
    public ReadOnlyMemory<byte> Reply(ReadOnlyMemory<byte> packet) => packet;
}
