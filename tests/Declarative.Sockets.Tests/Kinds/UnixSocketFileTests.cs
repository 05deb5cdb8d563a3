using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests.Kinds;

/// <summary>Unix socket files: stale replaced, live refused, other files untouched, mode set, removed on close.</summary>
public sealed class UnixSocketFileTests
{
    [Theory]
    [InlineData("unix-stream")]
    [InlineData("unix-datagram")]
    public async Task LeftoverFileOfADeadServerIsReplaced(string kind)
    {
        using var dir = new TempDir();
        var path = dir.File(kind == "unix-stream" ? "s.sock" : "s.dgram");
        var type = kind == "unix-stream" ? SocketType.Stream : SocketType.Dgram;
        using (var dead = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified))
        {
            // .NET removes the file of a socket it bound when that socket is disposed; a killed process does not.
            // Renaming the file away from the bound name leaves it behind, as a crash would.
            var bound = dir.File("dead");
            dead.Bind(new UnixDomainSocketEndPoint(bound));
            if (type == SocketType.Stream)
            {
                dead.Listen();
            }

            File.Move(bound, path);
        }

        Assert.True(File.Exists(path)); // nobody listens behind it any more

        await using var server = KindHarness.Create(kind, dir);
        _ = server.ServeForeverAsync();
        await using var client = await KindHarness.ConnectAsync(server, dir);
        Assert.Equal("fresh", await client.RoundTripAsync("fresh"));
    }

    [Theory]
    [InlineData("unix-stream")]
    [InlineData("unix-datagram")]
    public async Task AFileOfALiveServerIsAnError_AndStaysUsable(string kind)
    {
        using var dir = new TempDir();
        await using var live = KindHarness.Create(kind, dir);
        _ = live.ServeForeverAsync();

        await using var second = KindHarness.Create(kind, dir);
        var error = await Assert.ThrowsAsync<IOException>(async () => await second.StartAsync());
        Assert.Contains("Another server is listening", error.Message, StringComparison.Ordinal);

        await using var client = await KindHarness.ConnectAsync(live, dir);
        Assert.Equal("still mine", await client.RoundTripAsync("still mine"));
    }

    [Fact]
    public async Task AFileThatIsNotASocketIsNeverReplaced()
    {
        using var dir = new TempDir();
        var path = dir.File("s.sock");
        await File.WriteAllTextAsync(path, "precious");

        await using var server = KindHarness.Create("unix-stream", dir);
        await Assert.ThrowsAsync<IOException>(async () => await server.StartAsync());
        Assert.Equal("precious", await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("unix-stream")]
    [InlineData("unix-datagram")]
    public async Task FileModeIsApplied_AndTheFileIsRemovedOnClose(string kind)
    {
        using var dir = new TempDir();
        const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var server = KindHarness.Create(kind, dir, o =>
        {
            switch (o)
            {
                case UnixStreamServerOptions stream:
                    stream.FileMode = Mode;
                    break;
                case UnixDatagramServerOptions datagram:
                    datagram.FileMode = Mode;
                    break;
            }
        });
        await server.StartAsync();
        var path = server.LocalEndPoint!.ToString()!;
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(Mode, File.GetUnixFileMode(path));
        }

        _ = server.ServeForeverAsync();
        await server.ShutdownAsync().Bounded();
        await server.DisposeAsync();
        Assert.False(File.Exists(path));
    }
}

/// <summary>A Unix datagram client without its own path cannot get a reply: that is reported, never a crash.</summary>
public sealed class UnboundUnixDatagramClientTests
{
    [Fact]
    public async Task AReplyToAnUnboundClientIsReported_AndTheServerKeepsServing()
    {
        using var dir = new TempDir();
        var reported = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        await using var server = KindHarness.Create("unix-datagram", dir, o => o.UnhandledError = (e, _) => reported.Enqueue(e));
        _ = server.ServeForeverAsync();

        using (var unbound = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            await unbound.SendToAsync("nobody to answer"u8.ToArray(), SocketFlags.None, server.LocalEndPoint!);
        }

        await Wait.UntilAsync(() => !reported.IsEmpty, "the failed reply was reported");
        await using var bound = await KindHarness.ConnectAsync(server, dir);
        Assert.Equal("bound", await bound.RoundTripAsync("bound"));
    }
}
