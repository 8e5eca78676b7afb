using Akka.Actor;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Cli.Hosting;

/// <summary>Waits (on the event stream of an in-process coordinator) until a sweep's results folder is written.</summary>
public sealed class OutputsWaiter : ReceiveActor
{
    public OutputsWaiter(SweepId sweepId, TaskCompletionSource<string> written)
    {
        Receive<SweepOutputsWritten>(e => e.SweepId == sweepId, e => written.TrySetResult(e.Folder));
        Receive<SweepOutputsFailed>(e => e.SweepId == sweepId, e => written.TrySetException(new IOException($"Could not write {e.Folder}: {e.Reason}")));
    }
}

/// <summary>Starts an <see cref="OutputsWaiter"/> on the event stream.</summary>
public static class SweepOutputs
{
    public static Task<string> WaitFor(ActorSystem system, SweepId sweepId)
    {
        var written = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = system.ActorOf(Props.Create(() => new OutputsWaiter(sweepId, written)));
        system.EventStream.Subscribe(waiter, typeof(SweepOutputsWritten));
        system.EventStream.Subscribe(waiter, typeof(SweepOutputsFailed));
        return written.Task;
    }
}
