using System.Net;
using System.Threading.Tasks;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;

namespace Declarative.Sockets.Benchmarks.Servers;

/// <summary>DotNetty 0.7.6: ServerBootstrap with an echo handler, the library's own echo sample shape.</summary>
internal sealed class DotNettyServer : IBenchServer
{
    private IChannel? _channel;

    public async Task<IPEndPoint> StartAsync(int port)
    {
        var boss = new MultithreadEventLoopGroup(1);
        var workers = new MultithreadEventLoopGroup();
        var handler = new EchoHandler();
        ServerBootstrap bootstrap = new ServerBootstrap()
            .Group(boss, workers)
            .Channel<TcpServerSocketChannel>()
            .Option(ChannelOption.SoBacklog, 512)
            .Option(ChannelOption.SoReuseaddr, true)
            .ChildOption(ChannelOption.TcpNodelay, true)
            .ChildHandler(new ActionChannelInitializer<ISocketChannel>(channel => channel.Pipeline.AddLast(handler)));
        _channel = await bootstrap.BindAsync(IPAddress.Loopback, port);
        var bound = (IPEndPoint)_channel.LocalAddress;
        return new IPEndPoint(bound.Address.IsIPv4MappedToIPv6 ? bound.Address.MapToIPv4() : bound.Address, bound.Port);
    }

    public Task RunAsync() => _channel!.CloseCompletion;

    private sealed class EchoHandler : ChannelHandlerAdapter
    {
        public override bool IsSharable => true;

        public override void ChannelRead(IChannelHandlerContext context, object message) => context.WriteAsync(message);

        public override void ChannelReadComplete(IChannelHandlerContext context) => context.Flush();

        public override void ExceptionCaught(IChannelHandlerContext context, System.Exception exception) => context.CloseAsync();
    }
}
