using Akka.Actor;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

// Messages between the coordinator and its ledgers, inside one node (never serialized).

/// <summary>Assign the next pending trial of this sweep to <paramref name="Trainer"/>, if there is one.</summary>
internal sealed record AssignWork(IActorRef Trainer, string Slot);

/// <summary>The ledger's answer to <see cref="AssignWork"/>, with how many trials are still pending.</summary>
internal sealed record AssignmentOutcome(SweepId SweepId, IActorRef Trainer, string Slot, bool Assigned, int PendingLeft);

/// <summary>A ledger has pending work (after recovery, a retry, a resume or an extension).</summary>
internal sealed record LedgerHasWork(SweepId SweepId, int Pending);

/// <summary>A trainer slot is gone: its running trials go back to pending.</summary>
internal sealed record TrainerLost(string Slot);

/// <summary>Published when a sweep has no trial left to run and its outputs are written.</summary>
public sealed record SweepOutputsWritten(SweepId SweepId, string Folder, SweepStatus Status);

/// <summary>Published when a sweep's results folder could not be written.</summary>
public sealed record SweepOutputsFailed(SweepId SweepId, string Folder, string Reason);
