using System.IO.Pipelines;

namespace Declarative.Sockets;

/// <summary>Pipe sizes shared by every connection: bounded both ways so memory per connection is capped.</summary>
internal static class PipeSettings
{
    /// <summary>Receive stops when this many bytes wait unread by the handler (resumes at half).</summary>
    public const long InputPauseThreshold = 64 * 1024;

    /// <summary>A flushing handler waits when this many bytes wait unsent (resumes at half).</summary>
    public const long OutputPauseThreshold = 64 * 1024;

    // The pool is left as default on purpose: Pipe then rents straight from ArrayPool<byte>.Shared and reuses
    // its segments, which allocates nothing per message.
    // The handler runs inline on the receive loop's completion: no second thread-pool hop (and no work item
    // allocated) per message. The receive loop itself runs on the thread pool, never on the epoll thread, so a
    // handler that blocks holds one pool thread, exactly as it would with the ThreadPool scheduler.
    public static readonly PipeOptions Input = new(
        readerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: InputPauseThreshold,
        resumeWriterThreshold: InputPauseThreshold / 2,
        minimumSegmentSize: 4096,
        useSynchronizationContext: false);

    // The send loop runs inline with the handler's flush: no thread hop per reply.
    public static readonly PipeOptions Output = new(
        readerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: OutputPauseThreshold,
        resumeWriterThreshold: OutputPauseThreshold / 2,
        minimumSegmentSize: 4096,
        useSynchronizationContext: false);
}
