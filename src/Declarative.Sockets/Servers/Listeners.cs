using System;
using System.Net;
using System.Net.Sockets;

namespace Declarative.Sockets;

/// <summary>Creates bound, listening TCP sockets from <see cref="TcpServerOptions"/>.</summary>
public static class TcpListenerFactory
{
    /// <summary>Resolves <see cref="TcpServerOptions.Host"/> to the end point to bind.</summary>
    public static IPEndPoint ResolveEndPoint(TcpServerOptions options)
    {
        options.Validate();
        return Listeners.Resolve(options.Host, options.Port);
    }

    /// <summary>Binds and listens; the socket is disposed if either step fails.</summary>
    public static Socket Listen(TcpServerOptions options)
    {
        var endPoint = ResolveEndPoint(options);
        var socket = Listeners.Bind(endPoint, datagram: false, options.ReuseAddress, options.ReusePort);
        try
        {
            socket.Listen(options.Backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>Address helpers shared by the IP kinds.</summary>
internal static class Listeners
{
    // SOL_SOCKET and SO_REUSEPORT on Linux. .NET has no SocketOptionName for it, and SetSocketOption maps its enum to
    // platform values (an unknown (SocketOptionName)15 fails with "Operation not supported"), so set it raw.
    private const int SolSocketLinux = 1;
    private const int ReusePortLinux = 15;
    private const int ReuseAddressLinux = 2;

    /// <summary>
    /// Sets SO_REUSEADDR before bind (rebinding a port with connections in TIME_WAIT). On Linux it is set raw: .NET's
    /// ReuseAddress also sets SO_REUSEPORT there, which would let a second server bind the same port and silently take
    /// half its connections.
    /// </summary>
    public static void SetReuseAddress(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(SolSocketLinux, ReuseAddressLinux, BitConverter.GetBytes(1));
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }
    }

    /// <summary>A bound TCP or UDP socket with the reuse options set; disposed if any step fails.</summary>
    public static Socket Bind(IPEndPoint endPoint, bool datagram, bool reuseAddress, bool reusePort)
    {
        var socket = datagram
            ? new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (reuseAddress)
            {
                SetReuseAddress(socket);
            }

            if (reusePort)
            {
                SetReusePort(socket);
            }

            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true; // "::" serves IPv4 clients too
            }

            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sets SO_REUSEPORT before bind; throws <see cref="PlatformNotSupportedException"/> off Linux.</summary>
    public static void SetReusePort(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("ReusePort (SO_REUSEPORT) is supported on Linux only.");
        }

        socket.SetRawSocketOption(SolSocketLinux, ReusePortLinux, BitConverter.GetBytes(1));
    }

    public static void ValidatePort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port, "Port");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, "Port");
    }

    public static IPEndPoint Resolve(string host, int port)
    {
        var address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "0.0.0.0" => IPAddress.Any,
            _ when IPAddress.TryParse(host.Trim('[', ']'), out var parsed) => parsed,
            _ => Dns.GetHostAddresses(host)[0],
        };
        return new IPEndPoint(address, port);
    }
}
