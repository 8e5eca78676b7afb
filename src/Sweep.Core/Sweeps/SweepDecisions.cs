using Sweep.Core.Trials;

namespace Sweep.Core.Sweeps;

/// <summary>
/// Decide: given the state and what a trainer reported, which events to persist. Pure functions; the clock comes in
/// as an argument. Duplicate and stale reports decide nothing, so re-sent messages are harmless.
/// </summary>
public static class SweepDecisions
{
    /// <summary>The first pending trial in grid order that is not <paramref name="reserved"/> (its start is being written).</summary>
    public static TrialStarted? NextAssignment(SweepState state, string node, DateTimeOffset now, IReadOnlySet<TrialId>? reserved = null)
    {
        if (state.Phase != SweepPhase.Active || state.Pending.Count == 0)
        {
            return null;
        }

        foreach (var index in state.Pending)
        {
            var trial = state.Trials[state.Order[index]];
            if (reserved is null || !reserved.Contains(trial.Config.Id))
            {
                return new TrialStarted(trial.Config.Id, trial.Attempts + 1, node, now);
            }
        }

        return null;
    }

    /// <summary>Slot <paramref name="slot"/> finished attempt <paramref name="attempt"/> of a trial.</summary>
    public static IReadOnlyList<ISweepEvent> OnCompleted(SweepState state, TrialId trialId, int attempt, string slot, TrainingMetrics metrics, float[] wPrime, DateTimeOffset now)
    {
        if (!state.Trials.TryGetValue(trialId, out var trial) || trial.Status == TrialStatus.Done)
        {
            return [];
        }

        // Results follow from the seeds alone, so a late report of an older attempt is as good as any.
        return [new TrialCompleted(trialId, attempt, slot, metrics, wPrime, now)];
    }

    /// <summary>Slot <paramref name="slot"/> reports that attempt <paramref name="attempt"/> failed; a stale report decides nothing.</summary>
    public static IReadOnlyList<ISweepEvent> OnFailed(SweepState state, TrialId trialId, int attempt, string slot, string reason, DateTimeOffset now)
    {
        if (!state.Trials.TryGetValue(trialId, out var trial)
            || trial.Status != TrialStatus.Running
            || trial.Attempts != attempt)
        {
            return [];
        }

        return [new TrialFailed(trialId, attempt, slot, reason, trial.HasAttemptsLeft, now)];
    }

    /// <summary>A busy slot declined an assignment: if that attempt is still running there, it goes back to pending.</summary>
    public static IReadOnlyList<ISweepEvent> OnDeclined(SweepState state, TrialId trialId, int attempt, string slot, DateTimeOffset now) =>
        state.Trials.TryGetValue(trialId, out var trial)
        && trial.Status == TrialStatus.Running
        && trial.Attempts == attempt
        && trial.Node == slot
            ? [new TrialRequeued(trialId, attempt, $"declined by busy slot {slot}", now)]
            : [];

    /// <summary>Trials left running by a crash, or by a trainer that is gone, go back to pending (or fail when out of attempts).</summary>
    public static IReadOnlyList<ISweepEvent> Requeue(SweepState state, Func<TrialState, bool> which, string reason, DateTimeOffset now) =>
        state.RunningTrials()
            .Where(which)
            .Select(t => t.HasAttemptsLeft
                ? (ISweepEvent)new TrialRequeued(t.Config.Id, t.Attempts, reason, now)
                : new TrialFailed(t.Config.Id, t.Attempts, t.Node ?? "?", reason + " (no attempts left)", false, now))
            .ToList();
}
