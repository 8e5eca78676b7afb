using System.Collections.Immutable;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Monitoring;

// Between the coordinator and its ledgers, inside one node (never serialized): the ledger's immutable state, for
// monitoring queries that the coordinator answers over several ledgers.

internal sealed record ReadLedger;

/// <summary><see cref="State"/> is null when the journal has no events of the sweep.</summary>
internal sealed record LedgerRead(SweepState? State, ImmutableDictionary<TrialId, TrialHeartbeat> Heartbeats);
