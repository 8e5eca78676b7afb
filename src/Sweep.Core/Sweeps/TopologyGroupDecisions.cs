using Sweep.Core.Grid;

namespace Sweep.Core.Sweeps;

/// <summary>
/// Decide which topology groups to hand to an estimator. Pure, like <see cref="MiGroupDecisions"/>: a group is ready
/// when none of its trials is pending or running, at least one is done, and the journal holds no estimate of it, so
/// a recovered sweep never recomputes a group it already estimated.
/// </summary>
public static class TopologyGroupDecisions
{
    public static IReadOnlyList<TopologyGroup> Groups(SweepState state) =>
        state.Spec.Topology is null ? [] : TopologyGrid.Groups(state.InOrder().Select(t => t.Config), state.Spec.Topology);

    public static bool IsReady(SweepState state, TopologyGroup group) =>
        !state.TopologyEstimates.ContainsKey(group.GroupId)
        && group.Members.All(id => state.Trials[id].Status is TrialStatus.Done or TrialStatus.Failed)
        && group.Members.Any(id => state.Trials[id].Status == TrialStatus.Done);

    /// <summary>The group's done trials that kept their filters, in group order.</summary>
    public static IReadOnlyList<TrialState> Trainings(SweepState state, TopologyGroup group) =>
        group.Members.Select(id => state.Trials[id]).Where(t => t.Status == TrialStatus.Done && t.Metrics?.FirstLayerFilters is not null).ToList();
}
