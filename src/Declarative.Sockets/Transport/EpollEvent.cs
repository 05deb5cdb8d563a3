using System.Runtime.InteropServices;

namespace Declarative.Sockets.Transport;

/// <summary>
/// struct epoll_event: packed to 12 bytes on x86-64, naturally aligned to 16 elsewhere; read and written by offset so
/// one build serves both.
/// </summary>
internal static unsafe class EpollEvent
{
    public static readonly int Size = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static uint Events(byte* entry) => *(uint*)entry;

    public static ulong Data(byte* entry) => *(ulong*)(entry + DataOffset);

    public static void Write(byte* entry, uint events, ulong data)
    {
        *(uint*)entry = events;
        *(ulong*)(entry + DataOffset) = data;
    }
}
