using Akka.Actor;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

/// <summary>
/// The ledger's work path: a trial is started for a slot that asks (through the coordinator), or for the slot whose
/// completion report is being made durable, in the same write. Every start is durable before its trainer hears of it,
/// and every acknowledgement follows the write that holds its own report.
/// </summary>
public sealed partial class SweepLedger
{
    /// <summary>Trials the next assignment must skip: starts and completions being written.</summary>
    private IReadOnlySet<TrialId> Unavailable() => _completing.Count == 0 ? _reserved : _reserved.Union(_completing).ToHashSet();

    private void OnAssignWork(AssignWork request)
    {
        var coordinator = Sender;
        // Nor a trial whose completion is being written (a requeued trial's old attempt): it would start, and complete, again.
        var started = _state is null ? null : SweepDecisions.NextAssignment(_state, request.Slot, Now, Unavailable());
        if (started is null)
        {
            coordinator.Tell(new AssignmentOutcome(_sweepId, request.Trainer, request.Slot, false, PendingLeft));
            return;
        }

        // PersistAsync, so the starts and completions that arrive while one is being written share the next commit
        // (group commit). The trial is reserved until its start is durable; only then does the trainer hear of it.
        _reserved.Add(started.TrialId);
        PersistAsync(started, e =>
        {
            Apply(e);
            _reserved.Remove(e.TrialId);
            _leases.Started(e.TrialId);
            request.Trainer.Tell(new TrialAssigned(_sweepId, _state!.Trials[e.TrialId].Config, e.Attempt));
            coordinator.Tell(new AssignmentOutcome(_sweepId, request.Trainer, request.Slot, true, PendingLeft));
        });
    }

    private void OnCompleted(ReportTrialCompleted report)
    {
        if (_completing.Contains(report.TrialId))
        {
            return; // a re-sent report while the first is being written; the trainer sends it again and then hears back
        }

        var trainer = Sender;
        var events = _state is null ? [] : SweepDecisions.OnCompleted(_state, report.TrialId, report.Attempt, report.Slot, report.Metrics, report.WPrime, Now);
        if (events.Count == 0)
        {
            trainer.Tell(new TrialReportAccepted(_sweepId, report.TrialId, report.Attempt)); // already durable: a duplicate report
            return;
        }

        // The slot is free once its report is durable, so the same write starts its next trial: one commit per trial
        // instead of two, and no request round trip through the coordinator. The trainer hears the acknowledgement
        // (saying that an assignment follows) and then the assignment, both after the write.
        _completing.Add(report.TrialId);
        var next = _settings.ReadOnly ? null : SweepDecisions.NextAssignment(_state!, report.Slot, Now, Unavailable());
        if (next is not null)
        {
            _reserved.Add(next.TrialId);
        }

        PersistAllAsync(next is null ? events : [.. events, next], e =>
        {
            Apply(e);
            if (e is TrialStarted started)
            {
                _reserved.Remove(started.TrialId);
                _leases.Started(started.TrialId);
                trainer.Tell(new TrialAssigned(_sweepId, _state!.Trials[started.TrialId].Config, started.Attempt));
                return;
            }

            _completing.Remove(report.TrialId);
            _leases.Ended(report.TrialId);
            trainer.Tell(new TrialReportAccepted(_sweepId, report.TrialId, report.Attempt, next is not null));
            CheckFinished();
        });
    }
}
