using System;
using System.IO;
using System.Net.Sockets;

namespace Declarative.Sockets;

/// <summary>
/// Unix socket files: a leftover file of a dead server is replaced (connecting to it is refused), a live server's is
/// an error, a file that is not a socket is never touched; the mode is set after binding; the file goes on close.
/// </summary>
internal static class UnixSocketFile
{
    public static Socket Bind(string path, SocketType type, UnixFileMode? mode, Action<Socket>? afterBind)
    {
        RemoveIfStale(path, type);
        var socket = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            if (mode is { } fileMode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, fileMode);
            }

            afterBind?.Invoke(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already or not ours to delete: nothing to clean up.
        }
    }

    private static void RemoveIfStale(string path, SocketType type)
    {
        if (!File.Exists(path))
        {
            return;
        }

        if (IsOpenableFile(path))
        {
            throw new IOException($"'{path}' exists and is not a socket; refusing to replace it.");
        }

        using var probe = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused)
        {
            File.Delete(path); // nobody listens: a dead server's leftover
            return;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ProtocolType or SocketError.AddressFamilyNotSupported or SocketError.OperationNotSupported)
        {
            throw new IOException($"'{path}' is a socket of another type in use; refusing to replace it.", ex);
        }

        throw new IOException($"Another server is listening on '{path}'.");
    }

    // A socket file cannot be opened (ENXIO); a regular file can.
    private static bool IsOpenableFile(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true; // not ours to judge: leave it alone
        }
        catch (IOException)
        {
            return false; // ENXIO: a socket
        }
    }
}
