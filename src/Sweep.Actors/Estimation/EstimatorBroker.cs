using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Hosting;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Actors.Estimation;

/// <summary>
/// On coordinator nodes: hands each MI or topology group a ledger asks for to the estimator pool of one cluster member with role
/// <c>estimator</c> (this node's own in the embedded default), and relays the answer back to the asker. It follows
/// the membership: a member that becomes unreachable, exits or is removed has its groups in flight sent again to
/// another estimator (or kept until one joins), so a lost node loses no group. The first answer for a group is
/// relayed and any later one dropped, and the ledger persists an estimate only once, so a group re-sent after a
/// node was wrongly thought lost is computed twice at worst, never journaled twice.
/// </summary>
public sealed class EstimatorBroker : ReceiveActor
{
    private readonly Dictionary<(SweepId Sweep, string Group), InFlight> _inFlight = [];
    private readonly List<(IEstimationRequest Request, IActorRef ReplyTo)> _waiting = [];
    private readonly HashSet<Address> _estimators = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _warnedNoEstimator;

    public EstimatorBroker()
    {
        Receive<IEstimationRequest>(request => Send(request, Sender));
        Receive<IEstimationReply>(reply => Relay((reply.SweepId, reply.GroupId), reply));
        Receive<ClusterEvent.MemberUp>(up => Available(up.Member));
        Receive<ClusterEvent.ReachableMember>(back => Available(back.Member));
        Receive<ClusterEvent.UnreachableMember>(m => Lost(m.Member.Address, "is unreachable"));
        Receive<ClusterEvent.MemberExited>(m => Lost(m.Member.Address, "left the cluster"));
        Receive<ClusterEvent.MemberRemoved>(m => Lost(m.Member.Address, "was removed"));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new EstimatorBroker());

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Send(IEstimationRequest request, IActorRef replyTo)
    {
        var key = (request.SweepId, request.GroupId);
        if (_inFlight.TryGetValue(key, out var running))
        {
            _inFlight[key] = running with { ReplyTo = replyTo }; // asked again (a recovered ledger): answer the new asker
            return;
        }

        if (_estimators.Count == 0)
        {
            if (!_warnedNoEstimator && Cluster.Get(Context.System).SelfMember.Status == MemberStatus.Up)
            {
                _log.Warning("No cluster member has role estimator; MI and topology groups wait until one joins.");
                _warnedNoEstimator = true;
            }

            _waiting.RemoveAll(w => w.Request.SweepId == request.SweepId && w.Request.GroupId == request.GroupId);
            _waiting.Add((request, replyTo));
            return;
        }

        // The member with the fewest groups in flight; ties go to the lowest address, so the choice is reproducible.
        var node = _estimators
            .OrderBy(a => _inFlight.Values.Count(f => f.Node == a))
            .ThenBy(a => a.ToString(), StringComparer.Ordinal)
            .First();
        _inFlight[key] = new InFlight(request, replyTo, node);
        Context.ActorSelection(new RootActorPath(node) / "user" / EstimatorHosting.PoolName).Tell(request, Self);
    }

    private void Relay((SweepId, string) key, ISweepWire reply)
    {
        if (_inFlight.Remove(key, out var done))
        {
            done.ReplyTo.Tell(reply);
        }
    }

    private void Available(Member member)
    {
        if (member.HasRole(SweepRoles.Estimator) && member.Status == MemberStatus.Up && _estimators.Add(member.Address))
        {
            _warnedNoEstimator = false;
            var waiting = _waiting.ToList();
            _waiting.Clear();
            foreach (var (request, replyTo) in waiting)
            {
                Send(request, replyTo);
            }
        }
    }

    private void Lost(Address node, string why)
    {
        if (!_estimators.Remove(node))
        {
            return;
        }

        var orphans = _inFlight.Where(f => f.Value.Node == node).ToList();
        foreach (var (key, flight) in orphans)
        {
            _inFlight.Remove(key);
            _log.Warning("Estimator node {0} {1}; group {2} of {3} goes to another estimator.", node, why, key.Group, key.Sweep);
            Send(flight.Request, flight.ReplyTo);
        }
    }

    private sealed record InFlight(IEstimationRequest Request, IActorRef ReplyTo, Address Node);
}

/// <summary>Akka.Hosting wiring of the broker on coordinator nodes, looked up as <see cref="EstimatorBroker"/>.</summary>
public static class EstimatorBrokerHosting
{
    public const string Name = "estimator-broker";

    public static AkkaConfigurationBuilder AddEstimatorBroker(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) => registry.Register<EstimatorBroker>(system.ActorOf(EstimatorBroker.Props(), Name)));
}
