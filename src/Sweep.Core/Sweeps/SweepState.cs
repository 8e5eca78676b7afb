using System.Collections.Immutable;
using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Core.Sweeps;

public enum SweepPhase { Active, Paused, Cancelled }

/// <summary>
/// The immutable state of one sweep, folded from its events by <see cref="Apply"/>. Deterministic: no clock and no
/// randomness here; everything comes from the events. <see cref="Pending"/> and <see cref="Running"/> keep trial
/// indices in grid order, and the counts are kept as events apply, so a status costs O(running), not O(trials).
/// </summary>
public sealed record SweepState(
    SweepId SweepId,
    SweepSpec Spec,
    string SpecHash,
    string SpecText,
    int MaxAttempts,
    SweepPhase Phase,
    ImmutableDictionary<TrialId, TrialState> Trials,
    ImmutableList<TrialId> Order,
    ImmutableSortedSet<int> Pending,
    DateTimeOffset SubmittedAt)
{
    public ImmutableSortedSet<int> Running { get; private init; } = ImmutableSortedSet<int>.Empty;

    public int Done { get; private init; }

    /// <summary>The MI estimates of groups (an <c>mi:</c> block), by group id.</summary>
    public ImmutableDictionary<string, MiGroupEstimate> MiEstimates { get; init; } = ImmutableDictionary<string, MiGroupEstimate>.Empty;

    /// <summary>Groups whose estimate failed, with the latest reason (cleared by a later estimate).</summary>
    public ImmutableDictionary<string, string> MiFailures { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The topology estimates of groups (a <c>topology:</c> block), by group id.</summary>
    public ImmutableDictionary<string, Topology.TopologyGroupEstimate> TopologyEstimates { get; init; } = ImmutableDictionary<string, Topology.TopologyGroupEstimate>.Empty;

    /// <summary>Topology groups whose estimate failed, with the latest reason (cleared by a later estimate).</summary>
    public ImmutableDictionary<string, string> TopologyFailures { get; init; } = ImmutableDictionary<string, string>.Empty;

    public int Failed { get; private init; }

    public int Total => Order.Count;

    public int CountOf(TrialStatus status) => status switch
    {
        TrialStatus.Pending => Pending.Count,
        TrialStatus.Running => Running.Count,
        TrialStatus.Done => Done,
        _ => Failed,
    };

    public bool IsFinished => Phase == SweepPhase.Cancelled || Done + Failed == Total;

    /// <summary>The running trials, in grid order.</summary>
    public IEnumerable<TrialState> RunningTrials() => Running.Select(i => Trials[Order[i]]);

    /// <summary>A state from trials whose statuses are already known (a snapshot).</summary>
    public static SweepState Restore(SweepId sweepId, SweepSpec spec, string specHash, string specText, int maxAttempts, SweepPhase phase, IReadOnlyList<TrialState> trials, DateTimeOffset submittedAt) =>
        new SweepState(
            sweepId, spec, specHash, specText, maxAttempts, phase,
            trials.ToImmutableDictionary(t => t.Config.Id),
            trials.Select(t => t.Config.Id).ToImmutableList(),
            trials.Where(t => t.Status == TrialStatus.Pending).Select(t => t.Index).ToImmutableSortedSet(),
            submittedAt)
        {
            Running = trials.Where(t => t.Status == TrialStatus.Running).Select(t => t.Index).ToImmutableSortedSet(),
            Done = trials.Count(t => t.Status == TrialStatus.Done),
            Failed = trials.Count(t => t.Status == TrialStatus.Failed),
        };

    public static SweepState Initial(SweepSubmitted e)
    {
        var trials = SweepGrid.Expand(e.Spec);
        return new SweepState(
            e.SweepId, e.Spec, e.SpecHash, e.SpecText, e.MaxAttempts, SweepPhase.Active,
            trials.Select((t, i) => TrialState.NewPending(i, t, e.MaxAttempts)).ToImmutableDictionary(t => t.Config.Id),
            trials.Select(t => t.Id).ToImmutableList(),
            Enumerable.Range(0, trials.Count).ToImmutableSortedSet(),
            e.At);
    }

    public SweepState Apply(ISweepEvent e) => e switch
    {
        SweepSubmitted => throw new InvalidOperationException("A sweep is submitted once; use Initial."),
        TrialStarted s => Update(s.TrialId, t => t with
        {
            Status = TrialStatus.Running, Attempts = s.Attempt, Node = s.Node, StartedAt = s.At, Metrics = null,
        }),
        TrialCompleted c => Update(c.TrialId, t => t with
        {
            Status = TrialStatus.Done, Node = c.Node, Metrics = c.Metrics, WPrime = c.WPrime, LastError = null,
        }),
        TrialFailed f => Update(f.TrialId, t => t with
        {
            Status = f.WillRetry ? TrialStatus.Pending : TrialStatus.Failed, LastError = f.Reason, Node = f.Node,
        }),
        TrialRequeued r => Update(r.TrialId, t => t with { Status = TrialStatus.Pending, LastError = r.Reason }),
        SweepPaused => this with { Phase = SweepPhase.Paused },
        SweepResumed r => (r.RetryFailed ? RetryAllFailed() : this) with { Phase = SweepPhase.Active },
        SweepCancelled => this with { Phase = SweepPhase.Cancelled },
        SweepExtended x => Extend(x),
        GroupEstimated g => this with { MiEstimates = MiEstimates.SetItem(g.Estimate.GroupId, g.Estimate), MiFailures = MiFailures.Remove(g.Estimate.GroupId) },
        GroupEstimationFailed f => this with { MiFailures = MiFailures.SetItem(f.GroupId, f.Reason) },
        TopologyGroupEstimated g => this with { TopologyEstimates = TopologyEstimates.SetItem(g.Estimate.GroupId, g.Estimate), TopologyFailures = TopologyFailures.Remove(g.Estimate.GroupId) },
        TopologyGroupEstimationFailed f => this with { TopologyFailures = TopologyFailures.SetItem(f.GroupId, f.Reason) },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
    };

    public IEnumerable<TrialState> InOrder() => Order.Select(id => Trials[id]);

    private SweepState Update(TrialId id, Func<TrialState, TrialState> change)
    {
        var before = Trials[id];
        var after = change(before);
        var pending = after.Status == TrialStatus.Pending ? Pending.Add(after.Index) : Pending.Remove(after.Index);
        var running = after.Status == TrialStatus.Running ? Running.Add(after.Index) : Running.Remove(after.Index);
        return this with
        {
            Trials = Trials.SetItem(id, after),
            Pending = pending,
            Running = running,
            Done = Done + Delta(TrialStatus.Done),
            Failed = Failed + Delta(TrialStatus.Failed),
        };

        int Delta(TrialStatus status) => (after.Status == status ? 1 : 0) - (before.Status == status ? 1 : 0);
    }

    private SweepState RetryAllFailed()
    {
        var state = this;
        foreach (var failed in Trials.Values.Where(t => t.Status == TrialStatus.Failed).ToList())
        {
            // A fresh budget of attempts: the attempt counter keeps counting, the limit moves up.
            state = state.Update(failed.Config.Id, t => t with { Status = TrialStatus.Pending, AttemptLimit = t.Attempts + MaxAttempts });
        }

        return state;
    }

    private SweepState Extend(SweepExtended e)
    {
        var added = SweepGrid.Expand(e.Spec).Where(t => !Trials.ContainsKey(t.Id)).ToList();
        var order = Order.AddRange(added.Select(t => t.Id));
        var pending = Pending.Union(Enumerable.Range(Order.Count, added.Count));
        return this with
        {
            Spec = e.Spec, SpecHash = e.SpecHash, SpecText = e.SpecText,
            Trials = Trials.AddRange(added.Select((t, i) => KeyValuePair.Create(t.Id, TrialState.NewPending(Order.Count + i, t, MaxAttempts)))),
            Order = order, Pending = pending,
        };
    }
}
