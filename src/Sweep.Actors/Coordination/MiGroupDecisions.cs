using Sweep.Actors.Protocol;
using Sweep.Core.Grid;
using Sweep.Core.Randomness;

namespace Sweep.Actors.Coordination;

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

    /// <summary>The estimator's work order for a ready group: its done trainings (w' and data seed) and the sample positions.</summary>
    public static EstimateMiGroup Request(SweepState state, MiGroup group)
    {
        var mi = state.Spec.Mi ?? throw new InvalidOperationException("The sweep has no mi block.");
        var done = group.Members.Select(id => state.Trials[id]).Where(t => t.Status == TrialStatus.Done && t.WPrime is not null).ToList();
        var dataset = done.Count > 0 ? done[0].Config.Dataset : state.Trials[group.Members[0]].Config.Dataset;
        return new EstimateMiGroup(
            state.SweepId,
            group,
            dataset,
            mi,
            state.Spec.Bound.Sigma,
            SeedDerivation.Derive(state.Spec.Seed, "mi-estimate", group.D, group.Projection),
            MiGrid.SamplePositions(state.Spec.Seed, dataset.TrainSize, mi.SamplesPerTrial),
            done.Select(t => new MiGroupMember(t.Config.Id, t.Config.Seeds.Data, t.WPrime!) { SupersampleLosses = t.Metrics?.SupersampleLosses }).ToList());
    }
}
