using System.Threading.Tasks;

namespace Declarative.Sockets;

/// <summary>
/// Waits for value tasks on the calling thread. Used by <c>Threading</c> servers, whose handlers run on a dedicated
/// thread and may block; never used on thread-pool code paths.
/// </summary>
public static class Blocking
{
    /// <summary>Blocks until <paramref name="task"/> completes and rethrows its exception, if any.</summary>
    public static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        task.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Blocks until <paramref name="task"/> completes and returns its result.</summary>
    public static T Wait<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    /// <summary>Blocks until <paramref name="task"/> completes and rethrows its exception, if any.</summary>
    public static void Wait(Task task) => task.GetAwaiter().GetResult();

    /// <summary>Blocks until <paramref name="task"/> completes and returns its result.</summary>
    public static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
