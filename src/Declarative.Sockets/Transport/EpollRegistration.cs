namespace Declarative.Sockets.Transport;

/// <summary>Something registered with an <see cref="EpollLoop"/> that handles its readiness events.</summary>
internal abstract class EpollRegistration
{
    /// <summary>The loop's slot for this registration while registered.</summary>
    internal int Slot = -1;

    /// <summary>Distinguishes this registration from earlier users of the same slot in stale events.</summary>
    internal uint Generation;

    /// <summary>Called on a loop thread with the epoll event bits.</summary>
    public abstract void OnEvents(uint events);
}
