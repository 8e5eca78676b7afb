using Sweep.Core.Trials;

namespace Sweep.Core.Sweeps;

public enum TrialStatus { Pending, Running, Done, Failed }

/// <summary>
/// One trial in the ledger. <see cref="Attempts"/> counts every attempt ever started, including one interrupted by a
/// crash; <see cref="AttemptLimit"/> is where it stops (raised by retry-failed). <see cref="Node"/> and <see cref="StartedAt"/> describe the latest attempt.
/// </summary>
public sealed record TrialState(
    int Index,
    TrialConfig Config,
    TrialStatus Status,
    int Attempts,
    int AttemptLimit,
    string? Node,
    DateTimeOffset? StartedAt,
    string? LastError,
    TrainingMetrics? Metrics,
    float[]? WPrime)
{
    public static TrialState NewPending(int index, TrialConfig config, int attemptLimit) =>
        new(index, config, TrialStatus.Pending, 0, attemptLimit, null, null, null, null, null);

    public bool HasAttemptsLeft => Attempts < AttemptLimit;
}
