using System.Collections.Immutable;
using Sweep.Actors.Protocol;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Coordination;

public enum SweepPhase { Active, Paused, Cancelled }

/// <summary>
/// The immutable state of one sweep, folded from its events by <see cref="Apply"/>. Deterministic: no clock and no
/// randomness here; everything comes from the events. <see cref="Pending"/> keeps the pending trials in grid order.
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
    public int Total => Order.Count;

    public int CountOf(TrialStatus status) => status == TrialStatus.Pending ? Pending.Count : Trials.Values.Count(t => t.Status == status);

    public bool IsFinished => Phase == SweepPhase.Cancelled || Trials.Values.All(t => t.Status is TrialStatus.Done or TrialStatus.Failed);

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
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
    };

    public IEnumerable<TrialState> InOrder() => Order.Select(id => Trials[id]);

    private SweepState Update(TrialId id, Func<TrialState, TrialState> change)
    {
        var before = Trials[id];
        var after = change(before);
        var pending = after.Status == TrialStatus.Pending ? Pending.Add(after.Index) : Pending.Remove(after.Index);
        return this with { Trials = Trials.SetItem(id, after), Pending = pending };
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
