using System.Net;
using System.Net.Sockets;

namespace Declarative.Sockets.Tests.Forking;

/// <summary><c>ReusePort</c> (SO_REUSEPORT), which forking workers set: two sockets of one process share a port only with it.</summary>
public sealed class ReusePortTests
{
    [Fact]
    public void Tcp_two_listeners_share_a_port_only_with_ReusePort()
    {
        using var first = TcpListenerFactory.Listen(new TcpServerOptions { Port = 0, ReusePort = true });
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;
        using var second = TcpListenerFactory.Listen(new TcpServerOptions { Port = port, ReusePort = true });
        Assert.Equal(port, ((IPEndPoint)second.LocalEndPoint!).Port);

        // ReuseAddress = false too: .NET's SocketOptionName.ReuseAddress sets SO_REUSEPORT as well on Linux.
        var error = Assert.Throws<SocketException>(() => TcpListenerFactory.Listen(new TcpServerOptions { Port = port, ReuseAddress = false }).Dispose());
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    [Fact]
    public void Udp_two_sockets_share_a_port_only_with_ReusePort()
    {
        using var first = new UdpServerOptions { Port = 0, ReusePort = true }.CreateSocket();
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;
        using var second = new UdpServerOptions { Port = port, ReusePort = true }.CreateSocket();
        Assert.Equal(port, ((IPEndPoint)second.LocalEndPoint!).Port);

        var error = Assert.Throws<SocketException>(() => new UdpServerOptions { Port = port }.CreateSocket().Dispose());
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }
}
