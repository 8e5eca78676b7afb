using System.Collections.Immutable;
using Sweep.Actors.Monitoring;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Monitoring;

/// <summary>The rows of <c>sweep trials</c> and the per-slot tally of <c>sweep nodes</c>, from a ledger state.</summary>
public sealed class TrialListingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly ImmutableDictionary<TrialId, TrialHeartbeat> NoBeats = ImmutableDictionary<TrialId, TrialHeartbeat>.Empty;

    [Fact]
    public void Running_failed_and_done_rows_carry_node_attempt_heartbeat_elapsed_and_error()
    {
        var (state, ids) = State();
        var beats = NoBeats.Add(ids[1], new TrialHeartbeat(state.SweepId, ids[1], 2, 40, 100, 0.75));

        var running = Assert.Single(TrialListing.Rows(state, beats, TrialStatus.Running, T0.AddSeconds(30)));
        var failed = Assert.Single(TrialListing.Rows(state, beats, TrialStatus.Failed, T0.AddSeconds(30)));
        var done = Assert.Single(TrialListing.Rows(state, beats, TrialStatus.Done, T0.AddSeconds(30)));

        Assert.Equal((ids[1], "h:2/cpu#1", 2, 40, 100, 0.75, 20.0), (running.TrialId, running.Node, running.Attempt, running.Step, running.TotalSteps, running.Loss, running.Seconds));
        Assert.Null(running.Error);
        Assert.Equal((ids[2], "loss diverged to NaN at step 2", 1), (failed.TrialId, failed.Error, failed.Attempt));
        Assert.Equal((ids[0], "h:1/cpu#0", 0.5), (done.TrialId, done.Node, done.Seconds)); // training seconds from the metrics
        Assert.Equal($"d={done.D} seed={done.Seed}", done.Point);
    }

    [Fact]
    public void A_heartbeat_of_an_older_attempt_is_not_shown()
    {
        var (state, ids) = State();
        var stale = NoBeats.Add(ids[1], new TrialHeartbeat(state.SweepId, ids[1], 1, 90, 100, 0.1));

        var row = Assert.Single(TrialListing.Rows(state, stale, TrialStatus.Running, T0));

        Assert.Equal((0, double.NaN), (row.Step, row.Loss));
    }

    [Fact]
    public void The_grid_point_names_every_swept_axis()
    {
        var spec = Samples.Spec(Samples.SyntheticYaml.Replace("  seeds: 2", "  seeds: 2\n  learning_rate: [0.01, 0.1]"));
        var trial = Samples.Trials(spec).First(t => t.Training.LearningRate == 0.1);

        Assert.Equal($"d={trial.IntrinsicDimension} seed={trial.Seed} learning_rate=0.1", TrialListing.PointOf(spec, trial));
    }

    [Fact]
    public void Slot_tally_counts_running_and_done_trials_per_slot()
    {
        var (state, _) = State();

        var tally = TrialListing.SlotTally([state]);

        Assert.Equal((0, 1), tally["h:1/cpu#0"]);
        Assert.Equal((1, 0), tally["h:2/cpu#1"]);
        Assert.False(tally.ContainsKey("h:3/cpu#0")); // failed trials count for neither
    }

    private static (SweepState State, IReadOnlyList<TrialId> Ids) State()
    {
        var spec = Samples.Spec();
        var state = SweepState.Initial(new SweepSubmitted(new SweepId("tiny-x"), spec, SpecHash.Full(spec), "yaml", 1, T0));
        var ids = state.Order;
        state = new ISweepEvent[]
        {
            new TrialStarted(ids[0], 1, "h:1/cpu#0", T0),
            new TrialCompleted(ids[0], 1, "h:1/cpu#0", Samples.Metrics(), [1f], T0),
            new TrialStarted(ids[1], 1, "h:1/cpu#0", T0),
            new TrialRequeued(ids[1], 1, "trainer h:1/cpu#0 was lost", T0),
            new TrialStarted(ids[1], 2, "h:2/cpu#1", T0.AddSeconds(10)),
            new TrialStarted(ids[2], 1, "h:3/cpu#0", T0),
            new TrialFailed(ids[2], 1, "h:3/cpu#0", "loss diverged to NaN at step 2", WillRetry: false, T0),
        }.Aggregate(state, (s, e) => s.Apply(e));
        return (state, ids);
    }
}
