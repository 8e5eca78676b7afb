using Akka.Actor;
using Akka.Event;
using Sweep.Actors.Coordination;
using Sweep.Actors.Protocol;
using Sweep.Core.Bounds;
using Sweep.Core.Specs;
using Sweep.Core.Trials;
using Sweep.Reporting;

namespace Sweep.Actors.Aggregation;

/// <summary>A durable trial result, forwarded by the ledger after it was persisted.</summary>
public sealed record TrialResultRecorded(TrialResult Result);

/// <summary>A durable MI estimate of one group, forwarded by the ledger after it was persisted.</summary>
public sealed record MiEstimateRecorded(MiGroupEstimate Estimate);

/// <summary>A group whose MI estimate failed (persisted), with the reason.</summary>
public sealed record MiEstimationFailedRecorded(string GroupId, string Reason);

/// <summary>Write the results folder now (the sweep finished, or a user asked for its results); <see cref="ReplyTo"/> hears the outcome.</summary>
public sealed record WriteOutputs(SweepStatus Status, IReadOnlyList<FailedTrialSummary> Failed, IActorRef? ReplyTo);

/// <summary>
/// Assembles one sweep's bound curves from its results and writes its results folder. A child of the sweep's
/// ledger; it keeps no state of its own that the journal could not rebuild.
/// </summary>
public sealed class SweepAggregator : ReceiveActor
{
    private readonly Dictionary<TrialId, TrialResult> _results = [];
    private readonly Dictionary<string, MiGroupEstimate> _mi = [];
    private readonly Dictionary<string, string> _miFailures = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SweepAggregator(SweepId sweepId, SweepSpec spec, string specHash, string resultsRoot)
    {
        Receive<TrialResultRecorded>(r => _results[r.Result.Config.Id] = r.Result);
        Receive<MiEstimateRecorded>(r =>
        {
            _mi[r.Estimate.GroupId] = r.Estimate;
            _miFailures.Remove(r.Estimate.GroupId);
        });
        Receive<MiEstimationFailedRecorded>(r => _miFailures[r.GroupId] = r.Reason);
        Receive<WriteOutputs>(w =>
        {
            var folder = ResultsFolder.PathFor(resultsRoot, sweepId.Value);
            var report = new SweepReport(sweepId.Value, spec.Name, specHash, spec.Bound.Sigma, w.Status.Total, [.. _results.Values], w.Failed)
            {
                Mi = spec.Mi,
                MiEstimates = [.. _mi.Values],
                MiFailures = new Dictionary<string, string>(_miFailures),
            };
            try
            {
                ResultsFolder.Write(report, folder);
                Context.System.EventStream.Publish(new SweepOutputsWritten(sweepId, Path.GetFullPath(folder), w.Status));
                w.ReplyTo?.Tell(new SweepResultsWritten(sweepId, Path.GetFullPath(folder), w.Status));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _log.Error(e, "Could not write the results of {0} to {1}; 'sweep results {0}' rebuilds them from the journal.", sweepId, folder);
                Context.System.EventStream.Publish(new SweepOutputsFailed(sweepId, folder, e.Message));
                w.ReplyTo?.Tell(new SweepRejected($"Could not write {folder}: {e.Message}"));
            }
        });
    }

    public static Props Props(SweepId sweepId, SweepSpec spec, string specHash, string resultsRoot) =>
        Akka.Actor.Props.Create(() => new SweepAggregator(sweepId, spec, specHash, resultsRoot));
}
