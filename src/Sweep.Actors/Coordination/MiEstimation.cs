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
/// The ledger's bookkeeping of MI groups handed to estimators (not persisted: only estimates and failures are).
/// A ready group (<see cref="MiGroupDecisions.Ready"/>) is asked of the node's estimator pool once; the answer comes
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
    private bool _warnedNoEstimator;

    public int InFlight => _inFlight.Count;

    public void Dispatch(SweepState state, IActorRef ledger)
    {
        if (state.Spec.Mi is null)
        {
            return;
        }

        if (!ReferenceEquals(_groupsOf, state.Spec))
        {
            _groups = MiGroupDecisions.Groups(state); // the groups change only when the spec does (an extension)
            _groupsOf = state.Spec;
        }

        var ready = _groups.Where(g => !_inFlight.Contains(g.GroupId) && !_gaveUp.Contains(g.GroupId) && MiGroupDecisions.IsReady(state, g)).ToList();
        if (ready.Count == 0)
        {
            return;
        }

        if (!ActorRegistry.For(system).TryGet<EstimatorActor>(out var estimator))
        {
            if (!_warnedNoEstimator)
            {
                log.Warning("Sweep {0} has an mi block but this node runs no estimator (role estimator); its MI groups stay unestimated.", sweepId);
                _warnedNoEstimator = true;
            }

            return;
        }

        foreach (var group in ready)
        {
            _inFlight.Add(group.GroupId);
            var request = EstimateMiGroup.For(state, group);
            estimator.Ask<ISweepWire>(request, AskTimeout).PipeTo(
                ledger,
                success: reply => reply,
                failure: e => new MiGroupEstimationFailed(sweepId, group.GroupId, "the estimator did not answer: " + e.Message));
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
