using Akka.Actor;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;

namespace Sweep.Actors.Monitoring;

/// <summary>
/// The coordinator's answers to monitoring queries, built off the mailbox from its ledgers' immutable states. Each
/// returns a task the coordinator pipes to the asker.
/// </summary>
internal static class MonitorQueries
{
    private static readonly TimeSpan LedgerTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ISweepWire> TrialsAsync(IActorRef ledger, GetSweepTrials query, TimeProvider clock)
    {
        var status = TrialListing.StatusOf(query.State);
        if (status is null)
        {
            return new SweepRejected($"Unknown trial state '{query.State}'; use {string.Join(", ", TrialListing.States)}.");
        }

        var read = await ledger.Ask<LedgerRead>(new ReadLedger(), LedgerTimeout);
        return read.State is null
            ? new SweepRejected($"The store has no events of sweep {query.SweepId}.")
            : new SweepTrials(query.SweepId, query.State.ToLowerInvariant(), TrialListing.Rows(read.State, read.Heartbeats, status.Value, clock.GetUtcNow()));
    }

    /// <param name="registered">The slots of the trainers registered with the coordinator now.</param>
    /// <param name="recentBySlot">Completions per slot in the window, and per sweep, from the coordinator's <see cref="CompletionLog"/>.</param>
    public static async Task<ISweepWire> ActivityAsync(
        IReadOnlyList<IActorRef> ledgers,
        IReadOnlySet<string> registered,
        IReadOnlyDictionary<string, int> recentBySlot,
        IReadOnlyDictionary<Core.Trials.SweepId, int> recentBySweep,
        TimeSpan window)
    {
        var reads = await Task.WhenAll(ledgers.Select(l => l.Ask<LedgerRead>(new ReadLedger(), LedgerTimeout)));
        var tally = TrialListing.SlotTally(reads.Select(r => r.State).OfType<SweepState>());
        var slots = tally.Keys.Union(registered).Union(recentBySlot.Keys).Order(StringComparer.Ordinal).Select(slot =>
        {
            tally.TryGetValue(slot, out var t);
            return new SlotActivity(slot, registered.Contains(slot), t.Busy, t.Done, recentBySlot.GetValueOrDefault(slot));
        }).ToList();
        var sweeps = recentBySweep.OrderBy(p => p.Key.Value, StringComparer.Ordinal).Select(p => new SweepActivity(p.Key, p.Value)).ToList();
        return new ClusterActivity(window.TotalSeconds, slots, sweeps);
    }
}
