using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Sweep.Actors.Estimation;
using Sweep.Actors.Protocol;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

/// <summary>
/// The ledger's bookkeeping of MI and topology groups handed to estimators (not persisted: only estimates and failures are).
/// A ready group (<see cref="MiGroupDecisions.Ready"/>) is asked once of the <see cref="EstimatorBroker"/>, which
/// hands it to an estimator on any member with role estimator; the answer comes
/// back to the ledger as <see cref="MiGroupEstimated"/> or <see cref="MiGroupEstimationFailed"/>. A group that failed
/// is not asked again until the sweep is recovered. Used only from the ledger's own thread.
/// </summary>
internal sealed class MiEstimation(ActorSystem system, SweepId sweepId, ILoggingAdapter log)
{
    /// <summary>How long one group may take before it counts as failed.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromHours(1);

    private readonly HashSet<string> _inFlight = [];
    private readonly HashSet<string> _gaveUp = [];
    private SweepSpec? _groupsOf;
    private IReadOnlyList<MiGroup> _groups = [];
    private IReadOnlyList<TopologyGroup> _topologyGroups = [];
    private bool _warnedNoEstimator;

    public int InFlight => _inFlight.Count;

    public void Dispatch(SweepState state, IActorRef ledger)
    {
        if (state.Spec.Mi is null && state.Spec.Topology is null)
        {
            return;
        }

        if (!ReferenceEquals(_groupsOf, state.Spec))
        {
            _groups = MiGroupDecisions.Groups(state); // the groups change only when the spec does (an extension)
            _topologyGroups = TopologyGroupDecisions.Groups(state);
            _groupsOf = state.Spec;
        }

        bool Open(string id) => !_inFlight.Contains(id) && !_gaveUp.Contains(id);
        var ready = _groups.Where(g => Open(g.GroupId) && MiGroupDecisions.IsReady(state, g)).Select(g => (g.GroupId, Request: (Func<IEstimationRequest>)(() => EstimateMiGroup.For(state, g))))
            .Concat(_topologyGroups.Where(g => Open(g.GroupId) && TopologyGroupDecisions.IsReady(state, g)).Select(g => (g.GroupId, Request: (Func<IEstimationRequest>)(() => EstimateTopologyGroup.For(state, g)))))
            .ToList();
        if (ready.Count == 0)
        {
            return;
        }

        // The broker hands each group to an estimator on any member with role estimator, and re-sends the groups of a
        // member that is lost; only a node without the coordinator role has none.
        if (!ActorRegistry.For(system).TryGet<EstimatorBroker>(out var estimator))
        {
            if (!_warnedNoEstimator)
            {
                log.Warning("Sweep {0} has an mi or topology block but this node has no estimator broker; its groups stay unestimated.", sweepId);
                _warnedNoEstimator = true;
            }

            return;
        }

        foreach (var (groupId, request) in ready)
        {
            _inFlight.Add(groupId);
            var topology = groupId.StartsWith("t-", StringComparison.Ordinal);
            estimator.Ask<ISweepWire>(request(), AskTimeout).PipeTo(
                ledger,
                success: reply => reply,
                failure: e => topology
                    ? new TopologyGroupComputationFailed(sweepId, groupId, "the estimator did not answer: " + e.Message)
                    : new MiGroupEstimationFailed(sweepId, groupId, "the estimator did not answer: " + e.Message));
        }
    }

    public void Settled(string groupId, bool failed)
    {
        _inFlight.Remove(groupId);
        if (failed)
        {
            _gaveUp.Add(groupId);
        }
    }
}
