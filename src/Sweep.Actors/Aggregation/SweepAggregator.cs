using Akka.Actor;
using Akka.Event;
using Sweep.Actors.Coordination;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Reporting;

namespace Sweep.Actors.Aggregation;

/// <summary>
/// Write the results folder of <see cref="State"/> now (the sweep finished, or a user asked for its results);
/// <see cref="ReplyTo"/> hears the outcome.
/// </summary>
public sealed record WriteOutputs(SweepState State, SweepStatus Status, IActorRef? ReplyTo);

/// <summary>
/// Writes one sweep's results folder, off the ledger's thread: the report of the durable state the ledger hands it
/// (<see cref="SweepReports"/>), to <see cref="ResultsFolder.PathFor"/>. A child of the sweep's ledger; it keeps no
/// state, so nothing it knows can drift from the journal.
/// </summary>
public sealed class SweepAggregator : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SweepAggregator(string resultsRoot)
    {
        Receive<WriteOutputs>(w =>
        {
            var sweepId = w.State.SweepId;
            var folder = Path.GetFullPath(ResultsFolder.PathFor(resultsRoot, sweepId.Value));
            try
            {
                ResultsFolder.Write(SweepReports.From(SweepProjections.Results(w.State)), folder);
                Context.System.EventStream.Publish(new SweepOutputsWritten(sweepId, folder, w.Status));
                w.ReplyTo?.Tell(new SweepResultsWritten(sweepId, folder, w.Status));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _log.Error(e, "Could not write the results of {0} to {1}; 'sweep results {0}' rebuilds them from the journal.", sweepId, folder);
                Context.System.EventStream.Publish(new SweepOutputsFailed(sweepId, folder, e.Message));
                w.ReplyTo?.Tell(new SweepRejected($"Could not write {folder}: {e.Message}"));
            }
        });
    }

    public static Props Props(string resultsRoot) => Akka.Actor.Props.Create(() => new SweepAggregator(resultsRoot));
}
