using Akka.Actor;
using Akka.Event;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

/// <summary>
/// Fans sweeps out to trainers (work pulling). One per cluster (a singleton on role <c>coordinator</c>). It owns one
/// <see cref="SweepLedger"/> child per sweep, keeps the queue of idle trainer slots, matches them with ledgers that
/// have pending trials, routes reports to their ledger, and tells ledgers when a trainer is gone.
/// </summary>
public sealed class SweepCoordinator : ReceiveActor
{
    private readonly LedgerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LinkedList<(IActorRef Trainer, string Slot)> _idle = new();
    private readonly Dictionary<SweepId, int> _pending = [];
    private readonly Dictionary<IActorRef, string> _trainers = [];

    public SweepCoordinator(LedgerSettings settings)
    {
        _settings = settings;

        Receive<SubmitSweep>(submit => Ledger(SpecHash.SweepIdOf(submit.Spec)).Forward(submit));
        Receive<GetSweepStatus>(q => Ledger(q.SweepId).Forward(q));
        Receive<GetSweepResults>(q => Ledger(q.SweepId).Forward(q));

        Receive<RequestWork>(OnRequestWork);
        Receive<ReportTrialCompleted>(r => Ledger(r.SweepId).Forward(r));
        Receive<ReportTrialFailed>(r => Ledger(r.SweepId).Forward(r));
        Receive<TrialHeartbeat>(h => Ledger(h.SweepId).Forward(h));

        Receive<LedgerHasWork>(w =>
        {
            _pending[w.SweepId] = w.Pending;
            Dispatch();
        });
        Receive<AssignmentOutcome>(OnAssignmentOutcome);
        Receive<Terminated>(t => OnTrainerGone(t.ActorRef));
    }

    public static Props Props(LedgerSettings settings) => Akka.Actor.Props.Create(() => new SweepCoordinator(settings));

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
        return child.IsNobody() ? Context.ActorOf(SweepLedger.Props(id, _settings), name) : child;
    }
}

/// <summary>Akka.Hosting wiring of the coordinator: a cluster singleton on role <c>coordinator</c>, looked up as <see cref="SweepCoordinator"/>.</summary>
public static class SweepCoordinatorHosting
{
    public const string SingletonName = "coordinator";

    public static Akka.Hosting.AkkaConfigurationBuilder AddSweepCoordinator(this Akka.Hosting.AkkaConfigurationBuilder builder, Hosting.SweepSettings settings) =>
        Akka.Cluster.Hosting.AkkaClusterHostingExtensions.WithSingleton<SweepCoordinator>(
            builder,
            SingletonName,
            SweepCoordinator.Props(settings.Ledger),
            new Akka.Cluster.Hosting.ClusterSingletonOptions { Role = Hosting.SweepRoles.Coordinator, LogSingletonIdentificationFailure = false },
            createProxyToo: true);

    /// <summary>On nodes without the coordinator role: a proxy to wherever the singleton runs.</summary>
    public static Akka.Hosting.AkkaConfigurationBuilder AddSweepCoordinatorProxy(this Akka.Hosting.AkkaConfigurationBuilder builder) =>
        Akka.Cluster.Hosting.AkkaClusterHostingExtensions.WithSingletonProxy<SweepCoordinator>(
            builder,
            SingletonName,
            new Akka.Cluster.Hosting.ClusterSingletonOptions { Role = Hosting.SweepRoles.Coordinator, LogSingletonIdentificationFailure = false });
}
