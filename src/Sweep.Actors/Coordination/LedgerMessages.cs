using Akka.Actor;
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
