using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Kinds;

/// <summary>Alone in its collection: it counts this process's file descriptors, which parallel tests would disturb.</summary>
[CollectionDefinition(nameof(DescriptorCounting), DisableParallelization = true)]
public sealed class DescriptorCounting
{
}

/// <summary>socketserver's test_tcpserver_bind_leak: constructing servers that cannot bind leaks no descriptor.</summary>
[Collection(nameof(DescriptorCounting))]
public sealed class DescriptorLeakTests
{
    private const int Attempts = 1000;

    [SkippableTheory]
    [InlineData("tcp")]
    [InlineData("udp")]
    [InlineData("unix-stream")]
    [InlineData("unix-datagram")]
    public async Task ThousandServersWithAnInvalidEndpointLeakNoDescriptors(string kind)
    {
        Skip.IfNot(Directory.Exists("/proc/self/fd"), "needs /proc/self/fd");
        using var dir = new TempDir();
        var missingDir = Path.Combine(dir.DirectoryPath, "no-such-dir", "s.sock");
        var before = Count();

        for (var i = 0; i < Attempts; i++)
        {
            // 192.0.2.1 (TEST-NET-1) is no local address: bind fails after the socket exists.
            SocketServer server = kind switch
            {
                "tcp" => new LineAsync.Server(o => { o.Host = "192.0.2.1"; o.Port = 0; }),
                "udp" => new UdpEchoAsync.Server(o => { o.Host = "192.0.2.1"; o.Port = 0; }),
                "unix-stream" => new UnixLineAsync.Server(o => o.Path = missingDir),
                _ => new UnixDatagramEchoAsync.Server(o => o.Path = missingDir),
            };
            await Assert.ThrowsAnyAsync<SocketException>(async () => await server.StartAsync());
            await server.DisposeAsync();
        }

        var after = Count();
        Assert.True(after - before < 10, $"{after - before} descriptors more after {Attempts} failed binds ({before} -> {after})");
    }

    private static int Count() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
}
