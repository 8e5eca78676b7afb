using Sweep.Core.Trials;

namespace Sweep.Actors.Protocol;

// Work pulling between trainers and the coordinator: request, assign, heartbeat, complete.

/// <summary>Commands a trainer sends to the coordinator.</summary>
public interface ITrainerToCoordinator : ISweepWire;

/// <summary>A trainer slot is idle and asks for a trial. <see cref="Slot"/> names it, e.g. "127.0.0.1:4053/cpu0".</summary>
public sealed record RequestWork(string Slot) : ITrainerToCoordinator;

/// <summary>Progress of a running trial (not persisted): the step and the current training loss in nats.</summary>
public sealed record TrialHeartbeat(SweepId SweepId, TrialId TrialId, int Attempt, int Step, int TotalSteps, double Loss) : ITrainerToCoordinator;

public sealed record ReportTrialCompleted(SweepId SweepId, TrialId TrialId, int Attempt, string Slot, TrainingMetrics Metrics, float[] WPrime) : ITrainerToCoordinator;

public sealed record ReportTrialFailed(SweepId SweepId, TrialId TrialId, int Attempt, string Slot, string Reason) : ITrainerToCoordinator;

/// <summary>
/// A busy slot got an assignment it cannot take (its request was re-sent while the coordinator was slow). The trial
/// goes back to the queue at once instead of waiting, "running", on a slot that never runs it.
/// </summary>
public sealed record DeclineTrial(SweepId SweepId, TrialId TrialId, int Attempt, string Slot) : ITrainerToCoordinator;

/// <summary>Replies a trainer receives.</summary>
public interface ICoordinatorToTrainer : ISweepWire;

public sealed record TrialAssigned(SweepId SweepId, TrialConfig Trial, int Attempt) : ICoordinatorToTrainer;

/// <summary>
/// The result (or failure) of this attempt is durable in the journal; the trainer may forget it. With
/// <see cref="NextFollows"/>, the same durable write also started the slot's next trial, whose
/// <see cref="TrialAssigned"/> follows this message: the slot waits for it instead of asking for work.
/// </summary>
public sealed record TrialReportAccepted(SweepId SweepId, TrialId TrialId, int Attempt, bool NextFollows = false) : ICoordinatorToTrainer;
