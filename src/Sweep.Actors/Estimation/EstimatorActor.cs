using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Routing;
using Sweep.Actors.Protocol;
using Sweep.Core.Topology;

namespace Sweep.Actors.Estimation;

/// <summary>
/// Turns a complete group of trainings that share Θ into its MI terms (role <c>estimator</c>). It answers
/// <see cref="EstimateMiGroup"/> with <see cref="MiGroupEstimated"/> or <see cref="MiGroupEstimationFailed"/>.
/// The work runs on the thread pool (never in the mailbox and never on a trainer's thread), one group at a time
/// per actor; a node runs a pool of them. Requests that arrive while busy wait in the stash.
/// </summary>
public sealed class EstimatorActor : ReceiveActor, IWithStash
{
    private readonly TrainingPoolCache _pools;
    private readonly int _parallelism;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
    private CancellationTokenSource? _cancellation;

    public EstimatorActor(TrainingPoolCache pools, int parallelism)
    {
        _pools = pools;
        _parallelism = parallelism;
        Idle();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(TrainingPoolCache pools, int parallelism) => Akka.Actor.Props.Create(() => new EstimatorActor(pools, parallelism));

    protected override void PostStop()
    {
        _cancellation?.Cancel();
        _cancellation?.Dispose();
    }

    private void Idle()
    {
        Receive<EstimateMiGroup>(Start);
        Receive<EstimateTopologyGroup>(Start);
    }

    private void Start(EstimateTopologyGroup request)
    {
        var replyTo = Sender;
        Context.System.EventStream.Publish(new MiGroupEstimationStarted(request.SweepId, request.Group.GroupId));
        _log.Info("Computing the topology of group {0} ({1}, {2} trainings) of {3}.", request.Group.GroupId, request.Group.Label, request.Filters.Count, request.SweepId);
        Task.Run(() => TopologyGroupEstimate.Compute(request.Group, request.Topology, request.Filters, request.FilterDimension)).PipeTo(
            Self,
            success: estimate => new Finished(replyTo, new TopologyGroupComputed(request.SweepId, estimate with { Node = _node })),
            failure: e => new Finished(replyTo, new TopologyGroupComputationFailed(request.SweepId, request.Group.GroupId, FailureReason.Of(e))));
        Become(Busy);
    }

    private void Start(EstimateMiGroup request)
    {
        var replyTo = Sender;
        _cancellation = new CancellationTokenSource();
        var token = _cancellation.Token;
        Context.System.EventStream.Publish(new MiGroupEstimationStarted(request.SweepId, request.Group.GroupId));
        _log.Info("Estimating MI group {0} (d = {1}, projection {2}, {3} trainings) of {4}.", request.Group.GroupId, request.Group.D, request.Group.Projection, request.Members.Count, request.SweepId);
        Task.Run(() => MiGroupComputation.Run(request, _pools, _parallelism, token), token).PipeTo(
            Self,
            success: estimate => new Finished(replyTo, new MiGroupEstimated(request.SweepId, estimate with { Node = _node })),
            failure: e => new Finished(replyTo, new MiGroupEstimationFailed(request.SweepId, request.Group.GroupId, FailureReason.Of(e))));
        Become(Busy);
    }

    private void Busy()
    {
        Receive<IEstimationRequest>(_ => Stash.Stash());
        Receive<Finished>(f =>
        {
            if (f.Reply switch { MiGroupEstimationFailed m => m.Reason, TopologyGroupComputationFailed t => t.Reason, _ => null } is { } reason)
            {
                _log.Warning("Group {0} of {1} could not be estimated: {2}", ((IEstimationReply)f.Reply).GroupId, ((IEstimationReply)f.Reply).SweepId, reason);
            }

            f.ReplyTo.Tell(f.Reply);
            _cancellation?.Dispose();
            _cancellation = null;
            Become(Idle);
            Stash.UnstashAll();
        });
    }

    private sealed record Finished(IActorRef ReplyTo, ISweepWire Reply);
}

/// <summary>Published on the node's event stream when an estimator starts on a group (progress, and tests that count the work).</summary>
public sealed record MiGroupEstimationStarted(Core.Trials.SweepId SweepId, string GroupId);

/// <summary>Akka.Hosting wiring of the estimators: a round-robin pool on this node, looked up as <see cref="EstimatorActor"/>.</summary>
public static class EstimatorHosting
{
    public const string PoolName = "estimators";

    /// <summary>
    /// <paramref name="workers"/> estimators, each estimating one group at a time with up to
    /// <paramref name="parallelism"/> threads (k-SMI slices), beside the trainers.
    /// </summary>
    public static AkkaConfigurationBuilder AddEstimators(this AkkaConfigurationBuilder builder, int workers, int parallelism = 1) =>
        builder.WithActors((system, registry) =>
        {
            var pools = new TrainingPoolCache();
            var estimators = system.ActorOf(EstimatorActor.Props(pools, Math.Max(1, parallelism)).WithRouter(new RoundRobinPool(Math.Max(1, workers))), PoolName);
            registry.Register<EstimatorActor>(estimators);
        });
}
