using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Protocol;

/// <summary>The journal of one sweep. Timestamps travel inside the events so replay is deterministic.</summary>
public interface ISweepEvent : ISweepWire
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

/// <summary>The coordinator's catalog (persistence id <c>sweep-catalog</c>): a sweep exists in this store.</summary>
public sealed record SweepRegistered(SweepId SweepId, string Name, DateTimeOffset At) : ISweepWire;
