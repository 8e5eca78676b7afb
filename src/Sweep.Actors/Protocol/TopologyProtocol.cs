using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Topology;
using Sweep.Core.Trials;

namespace Sweep.Actors.Protocol;

// Between a sweep's ledger and an estimator (role `estimator`) for a topology group: ask, then reply.

/// <summary>
/// Compute the topology of one complete group: the first-layer filters of its done trainings
/// (<see cref="Filters"/>, one row-major array a training, <see cref="FilterDimension"/> values a filter).
/// </summary>
public sealed record EstimateTopologyGroup(
    SweepId SweepId,
    TopologyGroup Group,
    TopologySpec Topology,
    int FilterDimension,
    IReadOnlyList<float[]> Filters) : IEstimationRequest
{
    string IEstimationRequest.GroupId => Group.GroupId;

    /// <summary>The estimator's work order for a ready group: its done trainings' filters.</summary>
    public static EstimateTopologyGroup For(SweepState state, TopologyGroup group)
    {
        var topology = state.Spec.Topology ?? throw new InvalidOperationException("The sweep has no topology block.");
        var cnn = state.Spec.Model.Cnn ?? throw new InvalidOperationException("A topology block needs a cnn model.");
        var done = TopologyGroupDecisions.Trainings(state, group);
        return new EstimateTopologyGroup(state.SweepId, group, topology, cnn.Channels * cnn.Kernel * cnn.Kernel, done.Select(t => t.Metrics!.FirstLayerFilters!).ToList());
    }
}

/// <summary>The estimator's answer: the group's barcodes and circle count.</summary>
public sealed record TopologyGroupComputed(SweepId SweepId, TopologyGroupEstimate Estimate) : IEstimationReply
{
    string IEstimationReply.GroupId => Estimate.GroupId;
}

/// <summary>The estimator's answer when the group's topology could not be computed, with the reason.</summary>
public sealed record TopologyGroupComputationFailed(SweepId SweepId, string GroupId, string Reason) : IEstimationReply;
