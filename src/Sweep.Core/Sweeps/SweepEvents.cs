using Sweep.Core.Bounds;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Core.Sweeps;

/// <summary>
/// The journal of one sweep, folded by <see cref="SweepState.Apply"/>. Timestamps travel inside the events so replay
/// is deterministic. HOCON binds this interface to the actors' JSON serializer, which knows each event by the short
/// name it has always had in the journal.
/// </summary>
public interface ISweepEvent
{
    DateTimeOffset At { get; }
}

public sealed record SweepSubmitted(SweepId SweepId, SweepSpec Spec, string SpecHash, string SpecText, int MaxAttempts, DateTimeOffset At) : ISweepEvent;

public sealed record TrialStarted(TrialId TrialId, int Attempt, string Node, DateTimeOffset At) : ISweepEvent;

public sealed record TrialCompleted(TrialId TrialId, int Attempt, string Node, TrainingMetrics Metrics, float[] WPrime, DateTimeOffset At) : ISweepEvent;

/// <summary>A trial attempt failed. With <see cref="WillRetry"/> the trial goes back to pending, else it is Failed.</summary>
public sealed record TrialFailed(TrialId TrialId, int Attempt, string Node, string Reason, bool WillRetry, DateTimeOffset At) : ISweepEvent;

/// <summary>A trial that was running when its trainer vanished (or the sweep was interrupted) goes back to pending; its attempt stays counted.</summary>
public sealed record TrialRequeued(TrialId TrialId, int Attempt, string Reason, DateTimeOffset At) : ISweepEvent;

public sealed record SweepPaused(DateTimeOffset At) : ISweepEvent;

public sealed record SweepResumed(bool RetryFailed, DateTimeOffset At) : ISweepEvent;

public sealed record SweepCancelled(DateTimeOffset At) : ISweepEvent;

/// <summary>The spec gained axis values; the new grid points become pending trials.</summary>
public sealed record SweepExtended(SweepSpec Spec, string SpecHash, string SpecText, DateTimeOffset At) : ISweepEvent;

/// <summary>A group's MI estimate is durable in the sweep's journal; a resumed sweep does not recompute it.</summary>
public sealed record GroupEstimated(MiGroupEstimate Estimate, DateTimeOffset At) : ISweepEvent;

/// <summary>A group could not be estimated (recorded with the reason); the sweep finishes without its MI term.</summary>
public sealed record GroupEstimationFailed(string GroupId, string Reason, DateTimeOffset At) : ISweepEvent;

/// <summary>A topology group's estimate is durable in the sweep's journal; a resumed sweep does not recompute it.</summary>
public sealed record TopologyGroupEstimated(Topology.TopologyGroupEstimate Estimate, DateTimeOffset At) : ISweepEvent;

/// <summary>A topology group could not be estimated (recorded with the reason); the sweep finishes without it.</summary>
public sealed record TopologyGroupEstimationFailed(string GroupId, string Reason, DateTimeOffset At) : ISweepEvent;
