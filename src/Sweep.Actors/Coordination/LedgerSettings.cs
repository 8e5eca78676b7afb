namespace Sweep.Actors.Coordination;

/// <summary>Typed settings of a ledger. A <see cref="ReadOnly"/> ledger (list, results) recovers and answers queries, and writes nothing to the journal.</summary>
public sealed record LedgerSettings(int SnapshotEvery, string ResultsRoot, bool ReadOnly = false)
{
    /// <summary>How long a running trial may go without a heartbeat before it is re-queued.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the ledger looks at its running trials' leases.</summary>
    public TimeSpan LeaseCheckEvery { get; init; } = TimeSpan.FromSeconds(15);
}
