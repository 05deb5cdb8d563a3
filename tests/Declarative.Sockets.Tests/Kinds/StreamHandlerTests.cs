using System.Threading.Tasks;
using Declarative.Sockets.Hosting;

namespace Declarative.Sockets.Tests.Kinds;

/// <summary>StreamRequestHandler equivalents on Connection, and the command line of the new kinds.</summary>
public sealed class StreamHandlerTests
{
    [Fact]
    public async Task ThreadingUnixHandlerUsesBlockingRfileAndWfile()
    {
        using var dir = new TempDir();
        await using var server = new UnixStreamHandler.Server(o => o.Path = dir.File("h.sock"));
        _ = server.ServeForeverAsync();
        await using var client = await KindHarness.ConnectAsync(server, dir);

        Assert.Equal("HELLO", await client.RoundTripAsync("hello"));
        Assert.Equal("WORLD", await client.RoundTripAsync("world"));
        Assert.Equal("False", await client.RoundTripAsync("nodelay")); // no Nagle on a Unix socket to disable
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TcpConnectionsHaveNoDelayFromTheOption(bool noDelay)
    {
        await using var server = new NoDelayTcp.Server(o => { o.Port = 0; o.NoDelay = noDelay; });
        _ = server.ServeForeverAsync();
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);
        Assert.Equal(noDelay.ToString(), await client.RequestAsync("nodelay"));
    }

    [Theory]
    [InlineData(new[] { "--path", "/tmp/x.sock" }, null)]
    [InlineData(new[] { "--path=/tmp/x.sock" }, null)]
    [InlineData(new[] { "--port", "1" }, "--port does not apply to a Unix socket server; use --path")]
    [InlineData(new[] { "--host", "::1" }, "--host does not apply to a Unix socket server; use --path")]
    [InlineData(new[] { "--path" }, "--path needs a socket file path")]
    public void UnixCommandLine(string[] args, string? error)
    {
        var options = new UnixStreamServerOptions { Path = "/tmp/default.sock" };
        Assert.Equal(error, CommandLine.Apply(args, options, out var help));
        Assert.False(help);
        if (error is null)
        {
            Assert.Equal("/tmp/x.sock", options.Path);
            Assert.Equal("unix:/tmp/x.sock", options.Describe(null));
        }
    }

    [Fact]
    public void UdpCommandLine()
    {
        var options = new UdpServerOptions();
        Assert.Null(CommandLine.Apply(["--host", "127.0.0.2", "--port", "0"], options, out _));
        Assert.Equal("127.0.0.2", options.Host);
        Assert.Equal("--path applies to Unix socket servers only; use --host and --port", CommandLine.Apply(["--path", "/tmp/x"], options, out _));
    }
}
