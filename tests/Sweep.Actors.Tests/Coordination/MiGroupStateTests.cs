using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Coordination;

/// <summary>MI groups in the ledger's pure state: which are ready, how estimates fold in, and what a snapshot keeps.</summary>
public sealed class MiGroupStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly SweepId Id = new("tiny-mi-x");
    private static readonly SweepSpec Spec = Samples.Spec(Samples.MiYaml);

    private static SweepState Submitted() => SweepState.Initial(new SweepSubmitted(Id, Spec, SpecHash.Full(Spec), "yaml", 2, T0));

    private static SweepState Complete(SweepState s, IEnumerable<TrialId> ids) =>
        ids.Aggregate(s, (state, id) => state
            .Apply(new TrialStarted(id, 1, "a", T0))
            .Apply(new TrialCompleted(id, 1, "a", Samples.Metrics(), [0.1f * id.Value.Length, 0f, 1f, -1f], T0)));

    [Fact]
    public void Tiny_mi_spec_has_four_groups_of_five()
    {
        var groups = MiGroupDecisions.Groups(Submitted());

        Assert.Equal(4, groups.Count); // d ∈ {4, 16} × 2 projections
        Assert.All(groups, g => Assert.Equal(5, g.Members.Count));
        Assert.Empty(MiGroupDecisions.Ready(Submitted()));
    }

    [Fact]
    public void A_group_is_ready_once_all_its_trials_are_done_or_failed_and_not_before()
    {
        var s = Submitted();
        var group = MiGroupDecisions.Groups(s)[0];

        s = Complete(s, group.Members.Take(4));
        Assert.Empty(MiGroupDecisions.Ready(s));

        var last = group.Members[4];
        s = s.Apply(new TrialStarted(last, 1, "a", T0)).Apply(new TrialFailed(last, 1, "a", "NaN", WillRetry: false, T0));
        var ready = Assert.Single(MiGroupDecisions.Ready(s));
        Assert.Equal(group.GroupId, ready.GroupId);

        var request = EstimateMiGroup.For(s, ready);
        Assert.Equal(group.Members.Take(4), request.Members.Select(m => m.TrialId)); // the failed training is left out
        Assert.Equal(Spec.Mi, request.Mi);
        Assert.Equal(4, request.Positions.Count);
        Assert.All(request.Positions, i => Assert.InRange(i, 0, 29));
        Assert.Equal(group.Members.Take(4).Select(id => s.Trials[id].Config.Seeds.Data), request.Members.Select(m => m.DataSeed));
    }

    [Fact]
    public void Group_estimated_folds_in_and_takes_the_group_out_of_the_ready_list()
    {
        var s = Submitted();
        var groups = MiGroupDecisions.Groups(s);
        s = Complete(s, groups[0].Members.Concat(groups[1].Members));
        Assert.Equal(2, MiGroupDecisions.Ready(s).Count);

        var estimate = Samples.MiEstimate(groups[0].GroupId);
        s = s.Apply(new GroupEstimationFailed(groups[0].GroupId, "timeout", T0));
        Assert.Equal("timeout", s.MiFailures[groups[0].GroupId]);
        Assert.Equal(2, MiGroupDecisions.Ready(s).Count); // a failure is no estimate: a recovered ledger asks again

        s = s.Apply(new GroupEstimated(estimate, T0));

        Assert.Same(estimate, s.MiEstimates[groups[0].GroupId]);
        Assert.Empty(s.MiFailures);
        Assert.Equal(groups[1].GroupId, Assert.Single(MiGroupDecisions.Ready(s)).GroupId);
    }

    [Fact]
    public void Snapshot_keeps_estimates_and_failures()
    {
        var s = Submitted();
        var groups = MiGroupDecisions.Groups(s);
        s = Complete(s, groups.SelectMany(g => g.Members))
            .Apply(new GroupEstimated(Samples.MiEstimate(groups[0].GroupId), T0))
            .Apply(new GroupEstimationFailed(groups[1].GroupId, "boom", T0));

        var restored = SweepSnapshot.Of(s).ToState();

        Assert.Equal(s.MiEstimates.Keys.Order(), restored.MiEstimates.Keys.Order());
        Assert.Equal("boom", restored.MiFailures[groups[1].GroupId]);
        Assert.Equal(MiGroupDecisions.Ready(s).Select(g => g.GroupId), MiGroupDecisions.Ready(restored).Select(g => g.GroupId));
        Assert.Equal(3, MiGroupDecisions.Ready(restored).Count);
    }

    [Fact]
    public void A_spec_without_mi_block_has_no_groups()
    {
        var s = SweepState.Initial(new SweepSubmitted(Id, Samples.Spec(), "h", "yaml", 2, T0));

        Assert.Empty(MiGroupDecisions.Groups(s));
        Assert.Null(SweepSnapshot.Of(s).MiEstimates);
    }
}
