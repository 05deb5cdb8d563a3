using System;
using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// Implemented by generated structs that call a handler's <c>[OnLine]</c> method; generic struct dispatch keeps the
/// hot path free of virtual calls and allocations.
/// </summary>
public interface ILineDispatcher
{
    /// <summary>Handles one line, delimiter excluded. The memory is valid until the returned task completes.</summary>
    ValueTask OnLineAsync(Connection connection, ReadOnlyMemory<byte> line);
}

/// <summary>Implemented by generated structs that call a handler's <c>[OnData]</c> method.</summary>
public interface IDataDispatcher
{
    /// <summary>Handles bytes as received. The memory is valid until the returned task completes.</summary>
    ValueTask OnDataAsync(Connection connection, ReadOnlyMemory<byte> data);
}

/// <summary>Implemented by generated structs that call a handler's <c>[OnFrame]</c> method.</summary>
public interface IFrameDispatcher
{
    /// <summary>Handles one frame's payload. The memory is valid until the returned task completes.</summary>
    ValueTask OnFrameAsync(Connection connection, ReadOnlyMemory<byte> payload);
}
