using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Declarative.Sockets;

// Helpers the generated per-request code calls.
public abstract partial class SocketServer
{
    /// <summary>Runs <paramref name="process"/> on the thread pool (the event-driven mode).</summary>
    protected void Spawn<TRequest>(Func<TRequest, Task> process, TRequest request)
    {
        ThreadPool.UnsafeQueueUserWorkItem(
            static state => state.Server.RunAsHandler(state.Process, state.Request),
            (Server: this, Process: process, Request: request),
            preferLocal: false);
    }

    /// <summary>Runs <paramref name="process"/> inline (Sequential mode) and returns its task.</summary>
    protected Task RunInline<TRequest>(Func<TRequest, Task> process, TRequest request) => RunAsHandler(process, request);

    /// <summary>
    /// Runs <paramref name="process"/> on a dedicated thread (ThreadingMixIn), a background thread when
    /// <see cref="ServerOptions.DaemonThreads"/> is set. The thread is tracked until it ends, so
    /// <see cref="DisposeAsync"/> can wait for it (<see cref="ServerOptions.BlockOnClose"/>).
    /// </summary>
    protected void StartThread<TRequest>(Action<TRequest> process, TRequest request)
    {
        var done = _threads.Add();
        var thread = new Thread(() =>
        {
            s_currentHandlerServer.Value = this;
            try
            {
                process(request);
            }
            finally
            {
                _threads.Remove(done);
            }
        })
        {
            IsBackground = Options.DaemonThreads,
            Name = "Declarative handler",
        };
        try
        {
            thread.Start();
        }
        catch
        {
            _threads.Remove(done);
            throw;
        }
    }

    /// <summary>Reports an error no hook took: to <see cref="ServerOptions.UnhandledError"/>, else one line on stderr.</summary>
    protected internal void ReportUnhandledError(Exception error, Connection? connection)
    {
        var sink = Options.UnhandledError;
        if (sink is not null)
        {
            try
            {
                sink(error, connection);
                return;
            }
            catch (Exception sinkError)
            {
                error = new AggregateException(error, sinkError);
            }
        }

        var peer = connection?.RemoteEndPoint.ToString() ?? "server";
        Console.Error.WriteLine($"{GetType().FullName}: unhandled error ({peer}): {error.GetType().Name}: {error.Message}");
    }

    // Marks the call (and everything it awaits) as running inside one of this server's handlers, so ShutdownAsync
    // called from there does not wait for the handler's own request.
    private Task RunAsHandler<TRequest>(Func<TRequest, Task> process, TRequest request)
    {
        var previous = s_currentHandlerServer.Value;
        s_currentHandlerServer.Value = this;
        try
        {
            return process(request);
        }
        finally
        {
            s_currentHandlerServer.Value = previous;
        }
    }

    /// <summary>The live handler threads of one server.</summary>
    private sealed class HandlerThreads
    {
        private readonly HashSet<TaskCompletionSource> _live = new();

        public int Count
        {
            get
            {
                lock (_live)
                {
                    return _live.Count;
                }
            }
        }

        public TaskCompletionSource Add()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_live)
            {
                _live.Add(done);
            }

            return done;
        }

        public void Remove(TaskCompletionSource done)
        {
            lock (_live)
            {
                _live.Remove(done);
            }

            done.TrySetResult();
        }

        public Task WaitAllAsync()
        {
            lock (_live)
            {
                var tasks = new List<Task>(_live.Count);
                foreach (var done in _live)
                {
                    tasks.Add(done.Task);
                }

                return Task.WhenAll(tasks);
            }
        }
    }
}
