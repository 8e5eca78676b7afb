using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Monitoring;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

/// <summary>
/// The event-sourced ledger of one sweep (persistence id <c>sweep-{id}</c>). Thin: it decides with
/// <see cref="SweepDecisions"/>, persists, applies with <see cref="SweepState.Apply"/>, and replies only from inside
/// the persist callback, so nothing is acknowledged before it is durable. Queries answer with <see cref="SweepProjections"/>;
/// <see cref="TrialLeases"/> keeps leases, the work path (assign, complete) is in SweepLedger.Work.cs, <see cref="MiEstimation"/> hands out MI groups, its <see cref="SweepAggregator"/> writes the results.
/// </summary>
public sealed partial class SweepLedger : ReceivePersistentActor, IWithTimers
{
    private readonly SweepId _sweepId;
    private readonly LedgerSettings _settings;
    private readonly TimeProvider _clock;
    private readonly TrialLeases _leases;
    private readonly HashSet<TrialId> _reserved = [];
    private readonly HashSet<TrialId> _completing = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly MiEstimation _mi;
    private readonly IActorRef _aggregator;
    private SweepState? _state;
    private bool _finishAnnounced;
    private DateTimeOffset? _activeSince;
    private long _snapshotAt;

    public SweepLedger(SweepId sweepId, LedgerSettings settings, TimeProvider clock)
    {
        _sweepId = sweepId;
        _settings = settings;
        _clock = clock;
        _leases = new TrialLeases(settings.Lease, clock);
        _mi = new MiEstimation(Context.System, _sweepId, _log);
        _aggregator = Context.ActorOf(SweepAggregator.Props(settings.ResultsRoot), "aggregator");

        Recover<SnapshotOffer>(offer =>
        {
            _state = ((SweepSnapshot)offer.Snapshot).ToState();
            _snapshotAt = offer.Metadata.SequenceNr;
        });
        Recover<SweepSubmitted>(e => _state = SweepState.Initial(e));
        Recover<ISweepEvent>(e => _state = _state!.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitSweep>(OnSubmit);
        Command<AssignWork>(OnAssignWork);
        Command<ReportTrialCompleted>(OnCompleted);
        Command<ReportTrialFailed>(OnFailed);
        Command<DeclineTrial>(d => PersistRequeues(Writable(s => SweepDecisions.OnDeclined(s, d.TrialId, d.Attempt, d.Slot, Now))));
        Command<TrialHeartbeat>(_leases.Beat);
        Command<CheckLeases>(_ => OnCheckLeases());
        Command<TrainerLost>(lost => PersistRequeues(Writable(s => SweepDecisions.Requeue(s, t => t.Node == lost.Slot, $"trainer {lost.Slot} was lost", Now))));
        Command<ResumeSweep>(OnResume);
        Command<ExtendSweep>(OnExtend);
        Command<PauseSweep>(_ => OnPhaseChange(SweepPhase.Paused, now => new SweepPaused(now)));
        Command<CancelSweep>(_ => OnPhaseChange(SweepPhase.Cancelled, now => new SweepCancelled(now)));
        Command<WriteSweepResults>(_ => WriteOutputs(Sender));
        Command<MiGroupEstimated>(r => OnGroupSettled(r.Estimate.GroupId, () => new GroupEstimated(r.Estimate, Now)));
        Command<MiGroupEstimationFailed>(r => OnGroupSettled(r.GroupId, () => new GroupEstimationFailed(r.GroupId, r.Reason, Now)));
        Command<TopologyGroupComputed>(r => OnGroupSettled(r.Estimate.GroupId, () => new TopologyGroupEstimated(r.Estimate, Now)));
        Command<TopologyGroupComputationFailed>(r => OnGroupSettled(r.GroupId, () => new TopologyGroupEstimationFailed(r.GroupId, r.Reason, Now)));
        Command<GetSweepStatus>(_ => Sender.Tell(_state is null ? NoSweep() : Status(_state)));
        Command<GetSweepResults>(q => Sender.Tell(_state is null ? NoSweep() : SweepProjections.Results(_state, q.Skip, q.Take)));
        Command<ReadLedger>(_ => Sender.Tell(new LedgerRead(_state, _leases.Snapshot())));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of {0} failed; the journal still holds every event.", PersistenceId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Could not delete events superseded by a snapshot of {0}.", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Could not delete old snapshots of {0}.", PersistenceId));
    }

    public override string PersistenceId => "sweep-" + _sweepId.Value;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SweepId sweepId, LedgerSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new SweepLedger(sweepId, settings, clock));

    private DateTimeOffset Now => _clock.GetUtcNow();
    private int PendingLeft => Math.Max(0, (_state?.Pending.Count ?? 0) - _reserved.Count);

    private void OnRecovered()
    {
        if (_state is null || _settings.ReadOnly)
        {
            return; // a reader (list, results) changes nothing in the journal and starts nothing
        }

        _activeSince = Now;
        // Trials that were running when the last process died start again, their attempt counted.
        var requeue = SweepDecisions.Requeue(_state, _ => true, "interrupted: the coordinator restarted while it ran", Now);
        if (!PersistRequeues(requeue))
        {
            AnnounceWork();
        }
    }

    private void OnSubmit(SubmitSweep submit)
    {
        var hash = SpecHash.Full(submit.Spec);
        if (_state is not null)
        {
            if (_state.SpecHash == hash)
            {
                Sender.Tell(SweepProjections.Accepted(_state));
                AnnounceWork();
            }
            else
            {
                Sender.Tell(new SweepRejected(
                    $"Sweep {_sweepId} already exists in the store with a different grid. Use 'sweep extend {_sweepId} <spec>' to add axis values, or rename the sweep."));
            }

            return;
        }

        var replyTo = Sender;
        Persist(new SweepSubmitted(_sweepId, submit.Spec, hash, submit.SpecText, submit.MaxAttempts, Now), e =>
        {
            _state = SweepState.Initial(e);
            _activeSince = Now;
            AfterPersist();
            replyTo.Tell(SweepProjections.Accepted(_state));
            AnnounceWork();
        });
    }

    private void OnResume(ResumeSweep resume)
    {
        if (RefuseWrite())
        {
            return;
        }

        var retry = resume.RetryFailed && _state!.CountOf(TrialStatus.Failed) > 0;
        if (_state!.Phase == SweepPhase.Active && !retry)
        {
            Sender.Tell(SweepProjections.Accepted(_state)); // nothing to record: recovery already re-queued what was in flight
            AnnounceWork();
            return;
        }

        _activeSince = Now;
        PersistThenAnnounce(new SweepResumed(retry, Now), Sender, () => SweepProjections.Accepted(_state!));
    }

    private void OnExtend(ExtendSweep extend)
    {
        if (RefuseWrite())
        {
            return;
        }

        var check = SpecExtension.Check(_state!.Spec, extend.Spec);
        if (!check.IsValid)
        {
            Sender.Tell(new SweepRejected($"Cannot extend {_sweepId}: {check.Describe()}."));
            return;
        }

        if (_state.IsFinished)
        {
            _activeSince = Now; // its new points start from here
        }

        PersistThenAnnounce(new SweepExtended(extend.Spec, SpecHash.Full(extend.Spec), extend.SpecText, Now), Sender, () => SweepProjections.Accepted(_state!));
    }

    private void OnPhaseChange(SweepPhase phase, Func<DateTimeOffset, ISweepEvent> change)
    {
        if (RefuseWrite())
        {
            return;
        }

        if (_state!.Phase == phase)
        {
            Sender.Tell(Status(_state));
            return;
        }

        PersistThenAnnounce(change(Now), Sender, () => Status(_state!));
    }

    /// <summary>Persists a steering event, then replies with <paramref name="reply"/> and announces the work it opened.</summary>
    private void PersistThenAnnounce(ISweepEvent change, IActorRef replyTo, Func<ISweepWire> reply) =>
        Persist(change, e =>
        {
            Apply(e);
            replyTo.Tell(reply());
            AnnounceWork();
        });

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

    private SweepStatus Status(SweepState state) => SweepProjections.Status(state, _leases.Latest) with { ActiveSince = _activeSince };

    private void OnFailed(ReportTrialFailed report)
    {
        var replyTo = Sender;
        var ack = new TrialReportAccepted(_sweepId, report.TrialId, report.Attempt);
        var events = _state is null ? [] : SweepDecisions.OnFailed(_state, report.TrialId, report.Attempt, report.Slot, report.Reason, Now);
        if (events.Count == 0)
        {
            replyTo.Tell(ack);
            return;
        }

        PersistAll(events, e =>
        {
            Apply(e);
            _leases.Ended(report.TrialId);
            replyTo.Tell(ack);
            _log.Warning("Trial {0} attempt {1} failed: {2}", report.TrialId, report.Attempt, report.Reason);
            AnnounceWork();
        });
    }

    private void OnCheckLeases()
    {
        var expired = Writable(_leases.Expire);
        if (PersistRequeues(expired))
        {
            _log.Warning("{0} trial(s) of {1} sent no heartbeat for {2}; they go back to the queue.", expired.Count, _sweepId, _settings.Lease);
        }
    }

    /// <summary>What <paramref name="decide"/> decides, on a sweep this ledger may write to; else nothing.</summary>
    private IReadOnlyList<ISweepEvent> Writable(Func<SweepState, IReadOnlyList<ISweepEvent>> decide) =>
        _state is null || _settings.ReadOnly ? [] : decide(_state);

    /// <summary>Trials back in the queue (or failed, out of attempts): persisted, then the work and the finish announced. False: none.</summary>
    private bool PersistRequeues(IReadOnlyList<ISweepEvent> events)
    {
        if (events.Count == 0)
        {
            return false;
        }

        PersistAll(events, Apply);
        DeferAsync(events, _ => AnnounceWork());
        return true;
    }

    /// <summary>An estimator answered for an MI or topology group: its estimate or its failure is persisted, unless an estimate already is.</summary>
    private void OnGroupSettled(string groupId, Func<ISweepEvent> outcome)
    {
        if (_state is null || _state.MiEstimates.ContainsKey(groupId) || _state.TopologyEstimates.ContainsKey(groupId))
        {
            _mi.Settled(groupId, failed: false);
            return; // already durable: a duplicate answer
        }

        Persist(outcome(), e =>
        {
            Apply(e);
            var failure = e switch { GroupEstimationFailed f => f.Reason, TopologyGroupEstimationFailed f => f.Reason, _ => null };
            _mi.Settled(groupId, failed: failure is not null);
            _log.Log(failure is null ? LogLevel.DebugLevel : LogLevel.WarningLevel, $"Group {groupId} of {_sweepId}: {failure ?? "estimated"}");

            CheckFinished();
        });
    }

    private void Apply(ISweepEvent e)
    {
        _state = _state!.Apply(e);
        AfterPersist();
    }

    /// <summary>
    /// Snapshots once max(snapshot-every, trials / 2) events have been persisted since the last one. A snapshot costs
    /// O(trials) to write (and its write and deletes contend with the event writes for a SQLite file), so spacing them
    /// by a fixed fraction of the trial count keeps that cost O(1) per event, while recovery replays at most half
    /// as many events as the sweep has trials. Every 200 events, a 100,000-trial sweep rewrote all its trials each time.
    /// </summary>
    private void AfterPersist()
    {
        if (LastSequenceNr - _snapshotAt >= Math.Max(_settings.SnapshotEvery, _state!.Total / SnapshotTrialFraction))
        {
            _snapshotAt = LastSequenceNr;
            SaveSnapshot(SweepSnapshot.Of(_state!));
        }
    }

    private const int SnapshotTrialFraction = 2;

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
            Timers.StartPeriodicTimer("leases", CheckLeases.Instance, _settings.LeaseCheckEvery);
        }

        if (_state is { IsFinished: false })
        {
            _finishAnnounced = false; // a resume or an extension re-opened it; it will finish again
        }

        if (_state is { Phase: SweepPhase.Active, Pending.Count: > 0 })
        {
            Context.Parent.Tell(new LedgerHasWork(_sweepId, _state.Pending.Count));
        }

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
        WriteOutputs(null);
    }

    /// <summary>The aggregator writes the results folder of the state as it is now; <paramref name="replyTo"/> hears the outcome.</summary>
    private void WriteOutputs(IActorRef? replyTo)
    {
        if (_state is null)
        {
            replyTo?.Tell(NoSweep());
            return;
        }

        _aggregator.Tell(new WriteOutputs(_state, Status(_state), replyTo));
    }
}
