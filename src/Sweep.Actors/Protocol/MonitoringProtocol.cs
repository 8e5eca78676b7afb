using Sweep.Core.Trials;

namespace Sweep.Actors.Protocol;

// Monitoring queries a client (`sweep trials`, `sweep nodes`, `sweep status`) sends to the coordinator.

/// <summary>The trials of a sweep in one state: running, failed or done.</summary>
public sealed record GetSweepTrials(SweepId SweepId, string State) : ISweepWire;

public sealed record SweepTrials(SweepId SweepId, string State, IReadOnlyList<TrialRow> Trials) : ISweepWire;

/// <summary>
/// One trial: its grid point (d, seed and any swept axes, e.g. "d=4 seed=1 learning_rate=0.1"), the node (trainer
/// slot) of its latest attempt, the attempt number, when that attempt started, how long it ran (training time for a
/// finished trial), the last heartbeat of a running trial (step, total steps, loss; NaN before the first) and the
/// error of a failed one.
/// </summary>
public sealed record TrialRow(
    TrialId TrialId,
    int D,
    int Seed,
    string Point,
    string? Node,
    int Attempt,
    DateTimeOffset? StartedAt,
    double? Seconds,
    int Step,
    int TotalSteps,
    double Loss,
    string? Error);

/// <summary>What each trainer slot and each sweep did lately.</summary>
public sealed record GetActivity : ISweepWire;

/// <summary>
/// <see cref="Slots"/>: every trainer slot registered with the coordinator or named in a journal. Done and busy come
/// from the journals; recent completions from the coordinator's memory over the last <see cref="WindowSeconds"/>
/// (shorter when the coordinator started less than that ago).
/// </summary>
public sealed record ClusterActivity(double WindowSeconds, IReadOnlyList<SlotActivity> Slots, IReadOnlyList<SweepActivity> Sweeps) : ISweepWire;

/// <summary>A slot "host:port/device#i": whether a trainer is registered on it now, how many trials it runs and has finished.</summary>
public sealed record SlotActivity(string Slot, bool Registered, int Busy, int Done, int RecentDone);

public sealed record SweepActivity(SweepId SweepId, int RecentDone);
