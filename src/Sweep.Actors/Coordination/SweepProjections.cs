using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

/// <summary>
/// The read side of a ledger: what its queries answer, as pure functions of the sweep's state (and the latest
/// heartbeats). The ledger answers with them, and the aggregator builds the results folder from <see cref="Results"/>.
/// </summary>
public static class SweepProjections
{
    /// <summary>A sweep's progress, with the latest heartbeat of each running trial.</summary>
    public static SweepStatus Status(SweepState s, IReadOnlyDictionary<TrialId, TrialHeartbeat> heartbeats) => new(
        s.SweepId,
        s.Spec.Name,
        s.Phase,
        s.Total,
        s.CountOf(TrialStatus.Done),
        s.CountOf(TrialStatus.Running),
        s.CountOf(TrialStatus.Pending),
        s.CountOf(TrialStatus.Failed),
        s.SubmittedAt,
        s.RunningTrials().Select(t =>
        {
            heartbeats.TryGetValue(t.Config.Id, out var h);
            return new RunningTrial(t.Config.Id, t.Config.IntrinsicDimension, t.Config.Seed, t.Node ?? "?", t.Attempts, t.StartedAt ?? s.SubmittedAt, h?.Step ?? 0, h?.TotalSteps ?? 0, h?.Loss ?? double.NaN);
        }).ToList());

    /// <summary>
    /// Completed trials in grid order from <paramref name="skip"/>, at most <paramref name="take"/> (0: all); the
    /// failed trials and the MI estimates and failures come with the first page only.
    /// </summary>
    public static SweepResults Results(SweepState state, int skip = 0, int take = 0)
    {
        // When every trial is done, the k-th done trial is the k-th in grid order, so a page is read by index in
        // O(take·log n) instead of walking the skipped trials (1,000 pages of a 100,000-trial sweep were O(n²)).
        var done = state.CountOf(TrialStatus.Done) == state.Total
            ? state.Order.Skip(skip).Select(id => state.Trials[id])
            : state.InOrder().Where(t => t.Status == TrialStatus.Done).Skip(skip);
        var first = skip == 0;
        var mi = state.Spec.Mi is not null && first;
        var topology = state.Spec.Topology is not null && first;
        return new SweepResults(
            state.SweepId,
            state.Spec,
            state.SpecHash,
            state.Total,
            (take > 0 ? done.Take(take) : done).Select(t => new TrialResult(t.Config, t.Metrics!, state.Spec.Bound.Sigma)).ToList(),
            first ? Failed(state) : [],
            mi ? [.. state.MiEstimates.Values.OrderBy(e => e.D).ThenBy(e => e.Projection)] : null,
            mi ? state.MiFailures.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary() : null)
        {
            TopologyEstimates = topology ? [.. state.TopologyEstimates.Values.OrderBy(e => e.D).ThenBy(e => e.Projection, StringComparer.Ordinal).ThenBy(e => e.Series, StringComparer.Ordinal)] : null,
            TopologyFailures = topology ? state.TopologyFailures.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary() : null,
        };
    }

    /// <summary>The trials that used up their attempts, in grid order.</summary>
    public static IReadOnlyList<FailedTrial> Failed(SweepState state) =>
        state.InOrder().Where(t => t.Status == TrialStatus.Failed).Select(t => new FailedTrial(t.Config, t.Attempts, t.LastError ?? "unknown")).ToList();

    public static SweepAccepted Accepted(SweepState s) =>
        new(s.SweepId, s.Total, s.CountOf(TrialStatus.Done), s.CountOf(TrialStatus.Pending), s.CountOf(TrialStatus.Failed));
}
