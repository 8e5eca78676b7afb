using Sweep.Core.Grid;

namespace Sweep.Core.Sweeps;

/// <summary>
/// Decide which MI groups to hand to an estimator. Pure: a group is ready when none of its trials is pending or
/// running, at least one is done, and it has no estimate yet. So a recovered sweep hands out only the complete groups
/// without an estimate, never one the journal already holds.
/// </summary>
public static class MiGroupDecisions
{
    public static IReadOnlyList<MiGroup> Groups(SweepState state) =>
        state.Spec.Mi is null ? [] : MiGrid.Groups(state.InOrder().Select(t => t.Config), state.Spec.Mi);

    public static IReadOnlyList<MiGroup> Ready(SweepState state) =>
        Groups(state).Where(g => IsReady(state, g)).ToList();

    public static bool IsReady(SweepState state, MiGroup group) =>
        !state.MiEstimates.ContainsKey(group.GroupId)
        && group.Members.All(id => state.Trials[id].Status is TrialStatus.Done or TrialStatus.Failed)
        && group.Members.Any(id => state.Trials[id].Status == TrialStatus.Done);

    /// <summary>The trainings of a group the estimator gets: its done trials that hold a w', in group order.</summary>
    public static IReadOnlyList<TrialState> Trainings(SweepState state, MiGroup group) =>
        group.Members.Select(id => state.Trials[id]).Where(t => t.Status == TrialStatus.Done && t.WPrime is not null).ToList();
}
