using Sweep.Actors.Persistence;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Coordination;

/// <summary>The ledger's state machine without an actor system: events fold into the expected state.</summary>
public sealed class SweepStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly SweepId Id = new("tiny-x");

    private static SweepState Submitted(int maxAttempts = 2) =>
        SweepState.Initial(new SweepSubmitted(Id, Samples.Spec(), SpecHash.Full(Samples.Spec()), "yaml", maxAttempts, T0));

    [Fact]
    public void Events_fold_into_the_expected_state()
    {
        var s = Submitted();
        var ids = s.Order;

        s = new ISweepEvent[]
        {
            new TrialStarted(ids[0], 1, "a", T0),
            new TrialStarted(ids[1], 1, "b", T0),
            new TrialCompleted(ids[0], 1, "a", Samples.Metrics(), [1f], T0),
            new TrialFailed(ids[1], 1, "b", "NaN", WillRetry: true, T0),
            new TrialStarted(ids[1], 2, "a", T0),
            new TrialRequeued(ids[1], 2, "crash", T0),
            new TrialStarted(ids[2], 1, "b", T0),
            new TrialFailed(ids[2], 1, "b", "NaN", WillRetry: false, T0),
        }.Aggregate(s, (state, e) => state.Apply(e));

        Assert.Equal(TrialStatus.Done, s.Trials[ids[0]].Status);
        Assert.Equal(TrialStatus.Pending, s.Trials[ids[1]].Status);
        Assert.Equal(2, s.Trials[ids[1]].Attempts);
        Assert.Equal(TrialStatus.Failed, s.Trials[ids[2]].Status);
        Assert.Equal("NaN", s.Trials[ids[2]].LastError);
        Assert.Equal([1, 3], s.Pending);
        Assert.Equal((1, 0, 2, 1), (s.CountOf(TrialStatus.Done), s.CountOf(TrialStatus.Running), s.CountOf(TrialStatus.Pending), s.CountOf(TrialStatus.Failed)));
        Assert.False(s.IsFinished);
    }

    [Fact]
    public void Assignment_takes_pending_trials_in_grid_order_and_counts_attempts()
    {
        var s = Submitted();
        var first = SweepDecisions.NextAssignment(s, "a", T0)!;
        s = s.Apply(first);
        var second = SweepDecisions.NextAssignment(s, "b", T0)!;

        Assert.Equal(s.Order[0], first.TrialId);
        Assert.Equal(1, first.Attempt);
        Assert.Equal(s.Order[1], second.TrialId);
    }

    [Fact]
    public void A_duplicate_completion_decides_nothing()
    {
        var s = Submitted();
        var id = s.Order[0];
        s = s.Apply(new TrialStarted(id, 1, "a", T0));

        var events = SweepDecisions.OnCompleted(s, id, 1, "a", Samples.Metrics(), [1f], T0);
        s = events.Aggregate(s, (state, e) => state.Apply(e));

        Assert.Single(events);
        Assert.Empty(SweepDecisions.OnCompleted(s, id, 1, "a", Samples.Metrics(), [1f], T0));
    }

    [Fact]
    public void Requeue_after_a_crash_keeps_the_attempt_and_fails_when_none_are_left()
    {
        var s = Submitted(maxAttempts: 1);
        s = s.Apply(new TrialStarted(s.Order[0], 1, "a", T0));

        var events = SweepDecisions.Requeue(s, _ => true, "interrupted", T0);
        s = events.Aggregate(s, (state, e) => state.Apply(e));

        var failed = Assert.IsType<TrialFailed>(Assert.Single(events));
        Assert.False(failed.WillRetry);
        Assert.Equal(TrialStatus.Failed, s.Trials[s.Order[0]].Status);
    }

    [Fact]
    public void Resume_with_retry_failed_gives_failed_trials_a_fresh_budget()
    {
        var s = Submitted(maxAttempts: 1);
        var id = s.Order[0];
        s = s.Apply(new TrialStarted(id, 1, "a", T0)).Apply(new TrialFailed(id, 1, "a", "NaN", false, T0)).Apply(new SweepPaused(T0));

        var plain = s.Apply(new SweepResumed(false, T0));
        var retry = s.Apply(new SweepResumed(true, T0));

        Assert.Equal(TrialStatus.Failed, plain.Trials[id].Status);
        Assert.Equal(TrialStatus.Pending, retry.Trials[id].Status);
        Assert.Equal(2, SweepDecisions.NextAssignment(retry, "a", T0)!.Attempt);
        Assert.Null(SweepDecisions.NextAssignment(s, "a", T0)); // paused
    }

    [Fact]
    public void Snapshot_restores_the_same_state()
    {
        var s = Submitted();
        s = s.Apply(new TrialStarted(s.Order[0], 1, "a", T0))
            .Apply(new TrialCompleted(s.Order[0], 1, "a", Samples.Metrics(), [0.5f, 0.25f], T0))
            .Apply(new TrialStarted(s.Order[1], 1, "b", T0));

        var restored = SweepSnapshot.Of(s).ToState();

        Assert.Equal(s.Pending, restored.Pending);
        Assert.Equal(s.Order, restored.Order);
        Assert.All(s.Order, id =>
        {
            var (a, b) = (s.Trials[id], restored.Trials[id]);
            Assert.Equal((a.Status, a.Attempts, a.Node, a.Metrics), (b.Status, b.Attempts, b.Node, b.Metrics));
            Assert.Equal(a.WPrime, b.WPrime);
        });
    }

    [Fact]
    public void Kept_counts_equal_a_recount_through_any_sequence_of_events()
    {
        var random = new Random(5);
        var s = Submitted(maxAttempts: 3);
        for (var step = 0; step < 400; step++)
        {
            var trial = s.Trials[s.Order[random.Next(s.Total)]];
            ISweepEvent e = (trial.Status, random.Next(3)) switch
            {
                (TrialStatus.Pending, _) => new TrialStarted(trial.Config.Id, trial.Attempts + 1, "n", T0),
                (TrialStatus.Running, 0) => new TrialCompleted(trial.Config.Id, trial.Attempts, "n", Samples.Metrics(), [1f], T0),
                (TrialStatus.Running, 1) => new TrialFailed(trial.Config.Id, trial.Attempts, "n", "NaN", trial.HasAttemptsLeft, T0),
                (TrialStatus.Running, _) => new TrialRequeued(trial.Config.Id, trial.Attempts, "crash", T0),
                _ => new SweepResumed(RetryFailed: true, T0),
            };
            s = s.Apply(e);

            foreach (var status in Enum.GetValues<TrialStatus>())
            {
                Assert.Equal(s.Trials.Values.Count(t => t.Status == status), s.CountOf(status));
            }

            Assert.Equal(s.Trials.Values.Where(t => t.Status == TrialStatus.Running).Select(t => t.Index).Order(), s.RunningTrials().Select(t => t.Index));
        }

        var restored = SweepSnapshot.Of(s).ToState();
        Assert.Equal((s.Done, s.Failed, s.Running.Count, s.Pending.Count), (restored.Done, restored.Failed, restored.Running.Count, restored.Pending.Count));
    }

    [Fact]
    public void A_declined_assignment_goes_back_to_pending_and_a_stale_decline_decides_nothing()
    {
        var s = Submitted();
        var id = s.Order[0];
        s = s.Apply(new TrialStarted(id, 1, "n1/cpu#0", T0));

        var stale = SweepDecisions.OnDeclined(s, id, 1, "n2/cpu#0", T0);
        var declined = SweepDecisions.OnDeclined(s, id, 1, "n1/cpu#0", T0);

        Assert.Empty(stale);
        var requeued = Assert.IsType<TrialRequeued>(Assert.Single(declined));
        s = s.Apply(requeued);
        Assert.Equal(TrialStatus.Pending, s.Trials[id].Status);
        Assert.Empty(SweepDecisions.OnDeclined(s, id, 1, "n1/cpu#0", T0));
    }

    [Fact]
    public void Assignment_skips_trials_whose_start_is_being_written()
    {
        var s = Submitted();

        var first = SweepDecisions.NextAssignment(s, "a", T0)!;
        var second = SweepDecisions.NextAssignment(s, "b", T0, new HashSet<TrialId> { first.TrialId })!;
        var none = SweepDecisions.NextAssignment(s, "c", T0, s.Order.ToHashSet());

        Assert.Equal(s.Order[0], first.TrialId);
        Assert.Equal(s.Order[1], second.TrialId);
        Assert.Null(none);
    }
}
