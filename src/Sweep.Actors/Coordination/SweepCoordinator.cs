using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

/// <summary>
/// Fans sweeps out to trainers (work pulling). One per cluster (a singleton on role <c>coordinator</c>). It owns one
/// <see cref="SweepLedger"/> child per sweep, keeps the queue of idle trainer slots, matches them with ledgers that
/// have pending trials, routes reports to their ledger, and tells ledgers when a trainer is gone. Its own journal
/// (persistence id <c>sweep-catalog</c>) is the catalog of the sweeps in the store; a sweep is registered before its
/// ledger persists anything, so every journaled sweep is listed.
/// </summary>
public sealed class SweepCoordinator : ReceivePersistentActor
{
    private readonly LedgerSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LinkedList<(IActorRef Trainer, string Slot)> _idle = new();
    private readonly Dictionary<SweepId, int> _pending = [];
    private readonly Dictionary<IActorRef, string> _trainers = [];
    private readonly Monitoring.CompletionLog _recent;
    private readonly SortedDictionary<SweepId, SweepRegistered> _catalog = new(Comparer<SweepId>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value)));

    public SweepCoordinator(LedgerSettings settings, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
        _recent = new Monitoring.CompletionLog(TimeSpan.FromMinutes(5), clock.GetUtcNow());

        Recover<SweepRegistered>(e => _catalog[e.SweepId] = e);

        Command<SubmitSweep>(OnSubmit);
        Command<ResumeSweep>(c => ToKnown(c.SweepId, c));
        Command<ExtendSweep>(c => ToKnown(c.SweepId, c));
        Command<PauseSweep>(c => ToKnown(c.SweepId, c));
        Command<CancelSweep>(c => ToKnown(c.SweepId, c));
        Command<GetSweepStatus>(q => ToKnown(q.SweepId, q));
        Command<GetSweepResults>(q => ToKnown(q.SweepId, q));
        Command<WriteSweepResults>(q => ToKnown(q.SweepId, q));
        Command<ListSweeps>(_ => OnList());
        Command<GetSweepTrials>(q => WhenKnown(q.SweepId, () => Monitoring.MonitorQueries.TrialsAsync(Ledger(q.SweepId), q, _clock).PipeTo(Sender)));
        Command<GetActivity>(_ => OnActivity());

        Command<RequestWork>(OnRequestWork);
        Command<ReportTrialCompleted>(r =>
        {
            _recent.Record(r.SweepId, r.TrialId, r.Slot, _clock.GetUtcNow());
            Ledger(r.SweepId).Forward(r);
        });
        Command<ReportTrialFailed>(r => Ledger(r.SweepId).Forward(r));
        Command<DeclineTrial>(d => Ledger(d.SweepId).Forward(d));
        Command<TrialHeartbeat>(h => Ledger(h.SweepId).Forward(h));

        Command<LedgerHasWork>(w =>
        {
            _pending[w.SweepId] = w.Pending;
            Dispatch();
        });
        Command<AssignmentOutcome>(OnAssignmentOutcome);
        Command<Terminated>(t => OnTrainerGone(t.ActorRef));
    }

    public override string PersistenceId => "sweep-catalog";

    /// <param name="clock">The ledgers' and the coordinator's clock: the system clock, or a fake one in tests.</param>
    public static Props Props(LedgerSettings settings, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new SweepCoordinator(settings, clock ?? TimeProvider.System));

    private void OnSubmit(SubmitSweep submit)
    {
        var id = SpecHash.SweepIdOf(submit.Spec);
        if (_settings.ReadOnly)
        {
            Sender.Tell(new SweepRejected("This node opened the store read-only; it cannot start sweeps."));
            return;
        }

        if (_catalog.ContainsKey(id))
        {
            Ledger(id).Forward(submit);
            return;
        }

        var sender = Sender;
        Persist(new SweepRegistered(id, submit.Spec.Name, _clock.GetUtcNow()), e =>
        {
            _catalog[e.SweepId] = e;
            Ledger(id).Tell(submit, sender);
        });
    }

    /// <summary>Commands and queries for one sweep go to its ledger, if the store has that sweep.</summary>
    private void ToKnown(SweepId id, object message)
    {
        if (_catalog.ContainsKey(id))
        {
            Ledger(id).Forward(message);
        }
        else
        {
            Sender.Tell(new SweepUnknown(id, [.. _catalog.Keys]));
        }
    }

    private void WhenKnown(SweepId id, Action answer)
    {
        if (_catalog.ContainsKey(id))
        {
            answer();
        }
        else
        {
            Sender.Tell(new SweepUnknown(id, [.. _catalog.Keys]));
        }
    }

    private void OnActivity()
    {
        var now = _clock.GetUtcNow();
        Monitoring.MonitorQueries.ActivityAsync(
                _catalog.Keys.Select(Ledger).ToList(),
                _trainers.Values.ToHashSet(),
                _recent.BySlot(now),
                _recent.BySweep(now),
                _recent.Observed(now))
            .PipeTo(Sender, failure: e => new SweepRejected("Could not read every sweep of the store: " + e.Message));
    }

    private void OnList()
    {
        var sender = Sender;
        var queries = _catalog.Keys
            .Select(id => Ledger(id).Ask<ISweepWire>(new GetSweepStatus(id), TimeSpan.FromSeconds(60)))
            .ToList();
        Task.WhenAll(queries).PipeTo(
            sender,
            success: replies => new SweepList([.. replies.OfType<SweepStatus>()]),
            failure: e => new SweepRejected("Could not read every sweep of the store: " + e.Message));
    }

    private void OnRequestWork(RequestWork request)
    {
        if (!_trainers.ContainsKey(Sender))
        {
            _trainers[Sender] = request.Slot;
            Context.Watch(Sender);
        }

        if (_idle.All(i => !i.Trainer.Equals(Sender)))
        {
            _idle.AddLast((Sender, request.Slot));
        }

        Dispatch();
    }

    private void Dispatch()
    {
        while (_idle.Count > 0)
        {
            var sweep = _pending.Where(p => p.Value > 0).Select(p => (SweepId?)p.Key).FirstOrDefault();
            if (sweep is null)
            {
                return;
            }

            var (trainer, slot) = _idle.First!.Value;
            _idle.RemoveFirst();
            _pending[sweep.Value]--; // optimistic; the ledger's answer corrects it
            Ledger(sweep.Value).Tell(new AssignWork(trainer, slot));
        }
    }

    private void OnAssignmentOutcome(AssignmentOutcome outcome)
    {
        _pending[outcome.SweepId] = outcome.PendingLeft;
        if (!outcome.Assigned && _trainers.ContainsKey(outcome.Trainer))
        {
            _idle.AddFirst((outcome.Trainer, outcome.Slot));
        }

        Dispatch();
    }

    private void OnTrainerGone(IActorRef trainer)
    {
        if (!_trainers.Remove(trainer, out var slot))
        {
            return;
        }

        _log.Warning("Trainer {0} is gone; its running trials go back to the queue.", slot);
        var node = _idle.First;
        while (node is not null)
        {
            var next = node.Next;
            if (node.Value.Trainer.Equals(trainer))
            {
                _idle.Remove(node);
            }

            node = next;
        }

        foreach (var ledger in Context.GetChildren())
        {
            ledger.Tell(new TrainerLost(slot));
        }
    }

    private IActorRef Ledger(SweepId id)
    {
        var name = Uri.EscapeDataString(id.Value);
        var child = Context.Child(name);
        return child.IsNobody() ? Context.ActorOf(SweepLedger.Props(id, _settings, _clock), name) : child;
    }
}

/// <summary>Akka.Hosting wiring of the coordinator: a cluster singleton on role <c>coordinator</c>, looked up as <see cref="SweepCoordinator"/>.</summary>
public static class SweepCoordinatorHosting
{
    public const string SingletonName = "coordinator";

    public static Akka.Hosting.AkkaConfigurationBuilder AddSweepCoordinator(this Akka.Hosting.AkkaConfigurationBuilder builder, LedgerSettings settings) =>
        Akka.Cluster.Hosting.AkkaClusterHostingExtensions.WithSingleton<SweepCoordinator>(
            builder,
            SingletonName,
            SweepCoordinator.Props(settings),
            new Akka.Cluster.Hosting.ClusterSingletonOptions { Role = Hosting.SweepRoles.Coordinator, LogSingletonIdentificationFailure = false },
            createProxyToo: true);

    /// <summary>On nodes without the coordinator role: a proxy to wherever the singleton runs.</summary>
    public static Akka.Hosting.AkkaConfigurationBuilder AddSweepCoordinatorProxy(this Akka.Hosting.AkkaConfigurationBuilder builder) =>
        Akka.Cluster.Hosting.AkkaClusterHostingExtensions.WithSingletonProxy<SweepCoordinator>(
            builder,
            SingletonName,
            new Akka.Cluster.Hosting.ClusterSingletonOptions { Role = Hosting.SweepRoles.Coordinator, LogSingletonIdentificationFailure = false });
}
