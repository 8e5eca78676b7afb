using System.Collections.Immutable;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

/// <summary>
/// The ledger's leases on its running trials (not persisted): the latest heartbeat of each, and when it came. A
/// running trial whose trainer has sent no heartbeat for the lease (a lost assignment, a hung trainer on a live node)
/// goes back to the queue, its attempt counted; a trial's lease runs from its start until its first heartbeat. A
/// trainer that dies with its node is noticed sooner, through cluster death watch. The clock is injected, so expiry
/// is tested without waiting. Used only from the ledger's own thread.
/// </summary>
public sealed class TrialLeases(TimeSpan lease, TimeProvider clock)
{
    private readonly Dictionary<TrialId, TrialHeartbeat> _heartbeats = [];
    private readonly Dictionary<TrialId, DateTimeOffset> _lastSign = [];

    /// <summary>The latest heartbeat of each trial that sent one.</summary>
    public IReadOnlyDictionary<TrialId, TrialHeartbeat> Latest => _heartbeats;

    /// <summary>An immutable copy of <see cref="Latest"/>, for readers on other threads.</summary>
    public ImmutableDictionary<TrialId, TrialHeartbeat> Snapshot() => _heartbeats.ToImmutableDictionary();

    public void Beat(TrialHeartbeat heartbeat)
    {
        _heartbeats[heartbeat.TrialId] = heartbeat;
        _lastSign[heartbeat.TrialId] = clock.GetUtcNow();
    }

    /// <summary>A new attempt started (its start is durable): its lease runs from its start.</summary>
    public void Started(TrialId trial) => _lastSign.Remove(trial);

    /// <summary>The trial completed or failed: it holds no lease any more.</summary>
    public void Ended(TrialId trial)
    {
        _heartbeats.Remove(trial);
        _lastSign.Remove(trial);
    }

    /// <summary>The events that re-queue (or fail, when out of attempts) every running trial whose lease expired.</summary>
    public IReadOnlyList<ISweepEvent> Expire(SweepState state)
    {
        var now = clock.GetUtcNow();
        return SweepDecisions.Requeue(
            state,
            t => now - (_lastSign.TryGetValue(t.Config.Id, out var seen) ? seen : t.StartedAt ?? now) > lease,
            $"lease expired: no heartbeat for {lease.TotalSeconds:F0} s",
            now);
    }
}

/// <summary>The ledger's periodic look at its running trials' leases (<see cref="LedgerSettings.LeaseCheckEvery"/>).</summary>
internal sealed record CheckLeases
{
    public static readonly CheckLeases Instance = new();
}
