using System.Net;
using System.Threading.Tasks;

namespace Declarative.Sockets.Benchmarks.Servers;

/// <summary>One echo server the <c>serve</c> role can run in-process.</summary>
internal interface IBenchServer
{
    /// <summary>Binds 127.0.0.1 on <paramref name="port"/> (0 picks one) and returns the bound endpoint.</summary>
    Task<IPEndPoint> StartAsync(int port);

    /// <summary>Serves until the process ends.</summary>
    Task RunAsync();
}
