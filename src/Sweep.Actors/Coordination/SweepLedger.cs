using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;
using Sweep.Reporting;

namespace Sweep.Actors.Coordination;

/// <summary>
/// The event-sourced ledger of one sweep (persistence id <c>sweep-{id}</c>). Thin: it decides with
/// <see cref="SweepDecisions"/>, persists, applies with <see cref="SweepState.Apply"/>, and replies only from inside
/// the persist callback, so nothing is acknowledged before it is durable.
/// </summary>
public sealed class SweepLedger : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan LeaseCheckEvery = TimeSpan.FromSeconds(15);

    private readonly SweepId _sweepId;
    private readonly LedgerSettings _settings;
    private readonly Dictionary<TrialId, TrialHeartbeat> _heartbeats = [];
    private readonly Dictionary<TrialId, DateTimeOffset> _lastSign = [];
    private readonly HashSet<TrialId> _reserved = [];
    private readonly HashSet<TrialId> _completing = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _aggregator = ActorRefs.Nobody;
    private SweepState? _state;
    private bool _finishAnnounced;
    private readonly MiEstimation _mi;

    public SweepLedger(SweepId sweepId, LedgerSettings settings)
    {
        _sweepId = sweepId;
        _settings = settings;
        _mi = new MiEstimation(Context.System, _sweepId, _log);

        Recover<SnapshotOffer>(offer => _state = ((SweepSnapshot)offer.Snapshot).ToState());
        Recover<SweepSubmitted>(e => _state = SweepState.Initial(e));
        Recover<ISweepEvent>(e => _state = _state!.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitSweep>(OnSubmit);
        Command<AssignWork>(OnAssignWork);
        Command<ReportTrialCompleted>(OnCompleted);
        Command<ReportTrialFailed>(OnFailed);
        Command<DeclineTrial>(OnDeclined);
        Command<TrialHeartbeat>(h =>
        {
            _heartbeats[h.TrialId] = h;
            _lastSign[h.TrialId] = DateTimeOffset.UtcNow;
        });
        Command<CheckLeases>(_ => OnCheckLeases());
        Command<TrainerLost>(OnTrainerLost);
        Command<ResumeSweep>(OnResume);
        Command<ExtendSweep>(OnExtend);
        Command<PauseSweep>(_ => OnPhaseChange(SweepPhase.Paused, now => new SweepPaused(now)));
        Command<CancelSweep>(_ => OnPhaseChange(SweepPhase.Cancelled, now => new SweepCancelled(now)));
        Command<WriteSweepResults>(OnWriteResults);
        Command<MiGroupEstimated>(OnGroupEstimated);
        Command<MiGroupEstimationFailed>(OnGroupEstimationFailed);
        Command<GetSweepStatus>(_ => Sender.Tell(_state is null ? NoSweep() : Status(_state)));
        Command<GetSweepResults>(q => Sender.Tell(_state is null ? NoSweep() : ResultsOf(_state, q.Skip, q.Take)));
        Command<Monitoring.ReadLedger>(_ => Sender.Tell(new Monitoring.LedgerRead(_state, _heartbeats.ToImmutableDictionary())));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of {0} failed; the journal still holds every event.", PersistenceId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Could not delete events superseded by a snapshot of {0}.", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Could not delete old snapshots of {0}.", PersistenceId));
    }

    public override string PersistenceId => "sweep-" + _sweepId.Value;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SweepId sweepId, LedgerSettings settings) => Akka.Actor.Props.Create(() => new SweepLedger(sweepId, settings));

    private void OnRecovered()
    {
        if (_state is null)
        {
            return;
        }

        StartAggregator();
        if (_settings.ReadOnly)
        {
            return; // a reader: list, results. It changes nothing in the journal and starts nothing.
        }

        // Trials that were running when the last process died start again, their attempt counted.
        var requeue = SweepDecisions.Requeue(_state, _ => true, "interrupted: the coordinator restarted while it ran", DateTimeOffset.UtcNow);
        if (requeue.Count > 0)
        {
            PersistAll(requeue, Apply);
            DeferAsync(requeue, _ => AnnounceWork());
        }
        else
        {
            AnnounceWork();
        }
    }

    private void OnSubmit(SubmitSweep submit)
    {
        var hash = Core.Specs.SpecHash.Full(submit.Spec);
        if (_state is not null)
        {
            if (_state.SpecHash == hash)
            {
                Sender.Tell(Accepted(_state));
                AnnounceWork();
            }
            else
            {
                Sender.Tell(new SweepRejected(
                    $"Sweep {_sweepId} already exists in the store with a different grid. Use 'sweep extend {_sweepId} <spec>' to add axis values, or rename the sweep."));
            }

            return;
        }

        var submitted = new SweepSubmitted(_sweepId, submit.Spec, hash, submit.SpecText, submit.MaxAttempts, DateTimeOffset.UtcNow);
        var replyTo = Sender;
        Persist(submitted, e =>
        {
            _state = SweepState.Initial(e);
            AfterPersist();
            StartAggregator();
            replyTo.Tell(Accepted(_state));
            AnnounceWork();
        });
    }

    private void OnResume(ResumeSweep resume)
    {
        if (RefuseWrite())
        {
            return;
        }

        var replyTo = Sender;
        var retry = resume.RetryFailed && _state!.CountOf(TrialStatus.Failed) > 0;
        if (_state!.Phase == SweepPhase.Active && !retry)
        {
            replyTo.Tell(Accepted(_state)); // nothing to record: recovery already re-queued what was in flight
            AnnounceWork();
            return;
        }

        Persist(new SweepResumed(retry, DateTimeOffset.UtcNow), e =>
        {
            Apply(e);
            replyTo.Tell(Accepted(_state!));
            AnnounceWork();
        });
    }

    private void OnExtend(ExtendSweep extend)
    {
        if (RefuseWrite())
        {
            return;
        }

        var check = Core.Specs.SpecExtension.Check(_state!.Spec, extend.Spec);
        if (!check.IsValid)
        {
            Sender.Tell(new SweepRejected($"Cannot extend {_sweepId}: {check.Describe()}."));
            return;
        }

        var replyTo = Sender;
        Persist(new SweepExtended(extend.Spec, Core.Specs.SpecHash.Full(extend.Spec), extend.SpecText, DateTimeOffset.UtcNow), e =>
        {
            Apply(e);
            RestartAggregator();
            replyTo.Tell(Accepted(_state!));
            AnnounceWork();
        });
    }

    private void OnPhaseChange(SweepPhase phase, Func<DateTimeOffset, ISweepEvent> change)
    {
        if (RefuseWrite())
        {
            return;
        }

        var replyTo = Sender;
        if (_state!.Phase == phase)
        {
            replyTo.Tell(Status(_state));
            return;
        }

        Persist(change(DateTimeOffset.UtcNow), e =>
        {
            Apply(e);
            replyTo.Tell(Status(_state!));
            AnnounceWork();
        });
    }

    private void OnWriteResults(WriteSweepResults _)
    {
        if (_state is null)
        {
            Sender.Tell(NoSweep());
            return;
        }

        _aggregator.Tell(new WriteOutputs(Status(_state), FailedOf(_state), Sender));
    }

    /// <summary>True (and the sender told why) when this ledger must not write: no such sweep, or a read-only node.</summary>
    private bool RefuseWrite()
    {
        if (_state is null)
        {
            Sender.Tell(NoSweep());
            return true;
        }

        if (_settings.ReadOnly)
        {
            Sender.Tell(new SweepRejected("This node opened the store read-only; it cannot change a sweep."));
            return true;
        }

        return false;
    }

    private SweepRejected NoSweep() => new($"The store has no events of sweep {_sweepId}.");

    private void OnAssignWork(AssignWork request)
    {
        var coordinator = Sender;
        var started = _state is null ? null : SweepDecisions.NextAssignment(_state, request.Slot, DateTimeOffset.UtcNow, _reserved);
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
            _lastSign.Remove(e.TrialId); // the lease of this attempt runs from its start
            var trial = _state!.Trials[e.TrialId];
            request.Trainer.Tell(new TrialAssigned(_sweepId, trial.Config, e.Attempt));
            coordinator.Tell(new AssignmentOutcome(_sweepId, request.Trainer, request.Slot, true, PendingLeft));
            PublishProgress();
        });
    }

    private int PendingLeft => Math.Max(0, (_state?.Pending.Count ?? 0) - _reserved.Count);

    private void OnCompleted(ReportTrialCompleted report)
    {
        var replyTo = Sender;
        var ack = new TrialReportAccepted(_sweepId, report.TrialId, report.Attempt);
        if (_completing.Contains(report.TrialId))
        {
            return; // a re-sent report while the first is being written; the trainer sends it again and then hears back
        }

        var events = _state is null ? [] : SweepDecisions.OnCompleted(_state, report.TrialId, report.Attempt, report.Slot, report.Metrics, report.WPrime, DateTimeOffset.UtcNow);
        if (events.Count == 0)
        {
            replyTo.Tell(ack); // already durable: a duplicate report
            return;
        }

        _completing.Add(report.TrialId);
        PersistAllAsync(events, e =>
        {
            Apply(e);
            _completing.Remove(report.TrialId);
            _heartbeats.Remove(report.TrialId);
            _lastSign.Remove(report.TrialId);
            replyTo.Tell(ack);
            var trial = _state!.Trials[report.TrialId];
            _aggregator.Tell(new TrialResultRecorded(ResultOf(trial)));
            PublishProgress();
            CheckFinished();
        });
    }

    private void OnFailed(ReportTrialFailed report)
    {
        var replyTo = Sender;
        var ack = new TrialReportAccepted(_sweepId, report.TrialId, report.Attempt);
        var events = _state is null ? [] : SweepDecisions.OnFailed(_state, report.TrialId, report.Attempt, report.Slot, report.Reason, DateTimeOffset.UtcNow);
        if (events.Count == 0)
        {
            replyTo.Tell(ack);
            return;
        }

        PersistAll(events, e =>
        {
            Apply(e);
            _heartbeats.Remove(report.TrialId);
            _lastSign.Remove(report.TrialId);
            replyTo.Tell(ack);
            _log.Warning("Trial {0} attempt {1} failed: {2}", report.TrialId, report.Attempt, report.Reason);
            PublishProgress();
            AnnounceWork();
            CheckFinished();
        });
    }

    /// <summary>
    /// Leases: a running trial whose trainer has sent no heartbeat for <see cref="LedgerSettings.Lease"/> (a lost
    /// assignment, a hung trainer on a live node) goes back to the queue, its attempt counted. A trainer that dies
    /// with its node is noticed sooner, through cluster death watch.
    /// </summary>
    private void OnCheckLeases()
    {
        if (_state is null || _settings.ReadOnly)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var expired = SweepDecisions.Requeue(
            _state,
            t => now - (_lastSign.TryGetValue(t.Config.Id, out var seen) ? seen : t.StartedAt ?? now) > _settings.Lease,
            $"lease expired: no heartbeat for {_settings.Lease.TotalSeconds:F0} s",
            now);
        if (expired.Count == 0)
        {
            return;
        }

        _log.Warning("{0} trial(s) of {1} sent no heartbeat for {2}; they go back to the queue.", expired.Count, _sweepId, _settings.Lease);
        PersistAll(expired, e =>
        {
            Apply(e);
            PublishProgress();
        });
        DeferAsync(expired, _ =>
        {
            AnnounceWork();
            CheckFinished();
        });
    }

    private void OnDeclined(DeclineTrial decline)
    {
        var events = _state is null || _settings.ReadOnly ? [] : SweepDecisions.OnDeclined(_state, decline.TrialId, decline.Attempt, decline.Slot, DateTimeOffset.UtcNow);
        if (events.Count == 0)
        {
            return;
        }

        PersistAll(events, e =>
        {
            Apply(e);
            AnnounceWork();
        });
    }

    private void OnTrainerLost(TrainerLost lost)
    {
        if (_state is null)
        {
            return;
        }

        var events = SweepDecisions.Requeue(_state, t => t.Node == lost.Slot, $"trainer {lost.Slot} was lost", DateTimeOffset.UtcNow);
        if (events.Count == 0)
        {
            return;
        }

        PersistAll(events, e =>
        {
            Apply(e);
            PublishProgress();
        });
        DeferAsync(lost, _ =>
        {
            AnnounceWork();
            CheckFinished();
        });
    }

    private void OnGroupEstimated(MiGroupEstimated reply)
    {
        var groupId = reply.Estimate.GroupId;
        if (_state is null || _state.MiEstimates.ContainsKey(groupId))
        {
            _mi.Settled(groupId, failed: false);
            return; // already durable: a duplicate answer
        }

        Persist(new GroupEstimated(reply.Estimate, DateTimeOffset.UtcNow), e =>
        {
            Apply(e);
            _mi.Settled(groupId, failed: false);
            _aggregator.Tell(new MiEstimateRecorded(e.Estimate));
            CheckFinished();
        });
    }

    private void OnGroupEstimationFailed(MiGroupEstimationFailed reply)
    {
        if (_state is null || _state.MiEstimates.ContainsKey(reply.GroupId))
        {
            _mi.Settled(reply.GroupId, failed: false);
            return;
        }

        Persist(new GroupEstimationFailed(reply.GroupId, reply.Reason, DateTimeOffset.UtcNow), e =>
        {
            Apply(e);
            _mi.Settled(e.GroupId, failed: true);
            _log.Warning("MI group {0} of {1} was not estimated: {2}", e.GroupId, _sweepId, e.Reason);
            _aggregator.Tell(new MiEstimationFailedRecorded(e.GroupId, e.Reason));
            CheckFinished();
        });
    }

    private void Apply(ISweepEvent e)
    {
        _state = _state!.Apply(e);
        AfterPersist();
    }

    private void AfterPersist()
    {
        if (LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(SweepSnapshot.Of(_state!));
        }
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        // The snapshot supersedes every event up to it and every older snapshot.
        DeleteMessages(saved.Metadata.SequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
    }

    private void AnnounceWork()
    {
        if (_state is not null && !_settings.ReadOnly && !Timers.IsTimerActive("leases"))
        {
            Timers.StartPeriodicTimer("leases", CheckLeases.Instance, LeaseCheckEvery);
        }

        if (_state is { IsFinished: false })
        {
            _finishAnnounced = false; // a resume or an extension re-opened it; it will finish again
        }

        if (_state is { Phase: SweepPhase.Active, Pending.Count: > 0 })
        {
            Context.Parent.Tell(new LedgerHasWork(_sweepId, _state.Pending.Count));
        }

        PublishProgress();
        CheckFinished();
    }

    private void CheckFinished()
    {
        if (_state is null || _settings.ReadOnly)
        {
            return;
        }

        _mi.Dispatch(_state, Self);
        if (!_state.IsFinished || _finishAnnounced || _mi.InFlight > 0)
        {
            return; // the outputs wait for the MI estimates being computed
        }

        _finishAnnounced = true;
        _aggregator.Tell(new WriteOutputs(Status(_state), FailedOf(_state), null));
    }

    private void RestartAggregator()
    {
        Context.Stop(_aggregator);
        _aggregator = ActorRefs.Nobody;
        StartAggregator();
    }

    private void StartAggregator()
    {
        if (!_aggregator.IsNobody())
        {
            return;
        }

        _aggregator = Context.ActorOf(SweepAggregator.Props(_state!.SweepId, _state.Spec, _state.SpecHash, _settings.ResultsRoot), "aggregator-" + _state.SpecHash[..8]);
        // The aggregator is rebuilt from the journal: it starts from every result recovered so far.
        foreach (var trial in _state.InOrder().Where(t => t.Status == TrialStatus.Done))
        {
            _aggregator.Tell(new TrialResultRecorded(ResultOf(trial)));
        }

        foreach (var estimate in _state.MiEstimates.Values)
        {
            _aggregator.Tell(new MiEstimateRecorded(estimate));
        }

        foreach (var (group, reason) in _state.MiFailures)
        {
            _aggregator.Tell(new MiEstimationFailedRecorded(group, reason));
        }
    }

    private void PublishProgress()
    {
        if (_state is not null)
        {
            Context.System.EventStream.Publish(new SweepProgressChanged(Status(_state)));
        }
    }

    private TrialResult ResultOf(TrialState trial) => new(trial.Config, trial.Metrics!, _state!.Spec.Bound.Sigma);

    private static List<FailedTrialSummary> FailedOf(SweepState state) =>
        state.InOrder().Where(t => t.Status == TrialStatus.Failed).Select(t => new FailedTrialSummary(t.Config, t.Attempts, t.LastError ?? "unknown")).ToList();

    private SweepResults ResultsOf(SweepState state, int skip = 0, int take = 0)
    {
        var done = state.InOrder().Where(t => t.Status == TrialStatus.Done).Skip(skip);
        return new SweepResults(
            state.SweepId,
            state.Spec,
            (take > 0 ? done.Take(take) : done).Select(ResultOf).ToList(),
            skip > 0 ? [] : state.InOrder().Where(t => t.Status == TrialStatus.Failed).Select(t => new FailedTrial(t.Config, t.Attempts, t.LastError ?? "unknown")).ToList(),
            state.Spec.Mi is null || skip > 0 ? null : [.. state.MiEstimates.Values.OrderBy(e => e.D).ThenBy(e => e.Projection)]);
    }

    private SweepStatus Status(SweepState s) => new(
        s.SweepId,
        s.Spec.Name,
        s.Phase.ToString(),
        s.Total,
        s.CountOf(TrialStatus.Done),
        s.CountOf(TrialStatus.Running),
        s.CountOf(TrialStatus.Pending),
        s.CountOf(TrialStatus.Failed),
        s.SubmittedAt,
        s.RunningTrials().Select(t =>
        {
            _heartbeats.TryGetValue(t.Config.Id, out var h);
            return new RunningTrial(t.Config.Id, t.Config.IntrinsicDimension, t.Config.Seed, t.Node ?? "?", t.Attempts, t.StartedAt ?? s.SubmittedAt, h?.Step ?? 0, h?.TotalSteps ?? 0, h?.Loss ?? double.NaN);
        }).ToList());

    private static SweepAccepted Accepted(SweepState s) =>
        new(s.SweepId, s.Total, s.CountOf(TrialStatus.Done), s.CountOf(TrialStatus.Pending), s.CountOf(TrialStatus.Failed));
}

/// <summary>Typed settings of a ledger. A <see cref="ReadOnly"/> ledger (list, results) recovers and answers queries, and writes nothing to the journal.</summary>
public sealed record LedgerSettings(int SnapshotEvery, string ResultsRoot, bool ReadOnly = false)
{
    /// <summary>How long a running trial may go without a heartbeat before it is re-queued.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>The ledger's periodic look at its running trials' leases.</summary>
internal sealed record CheckLeases
{
    public static readonly CheckLeases Instance = new();
}
