using Sweep.Core.Grid;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Core.Tests.Specs;

namespace Sweep.Core.Tests.Grid;

public sealed class MiGridTests
{
    private static readonly SweepSpec Spec = SpecReader.Read(MiSpecValidationTests.MiValid, "mi.yaml");

    [Fact]
    public void Mi_grid_has_projections_times_trainings_trials_per_d()
    {
        var trials = SweepGrid.Expand(Spec);

        Assert.Equal(2 * 2 * 10, trials.Count); // d ∈ {5, 10}, P = 2, M = 10
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
        Assert.All(trials.GroupBy(t => t.IntrinsicDimension), g => Assert.Equal(Enumerable.Range(0, 20), g.Select(t => t.Seed).Order()));
    }

    [Fact]
    public void A_group_shares_projection_and_init_seeds_and_draws_its_own_data()
    {
        var trials = SweepGrid.Expand(Spec);
        var groups = MiGrid.Groups(trials, Spec.Mi!);
        var byId = trials.ToDictionary(t => t.Id);

        Assert.Equal(4, groups.Count); // 2 d × 2 projections
        foreach (var group in groups)
        {
            var members = group.Members.Select(id => byId[id]).ToList();
            Assert.Equal(10, members.Count);
            Assert.Single(members.Select(t => t.Seeds.Projection).Distinct());
            Assert.Single(members.Select(t => t.Seeds.Init).Distinct());
            Assert.Single(members.Select(t => t.IntrinsicDimension).Distinct());
            Assert.Equal(10, members.Select(t => t.Seeds.Data).Distinct().Count());
            Assert.Equal(10, members.Select(t => t.Seeds.BatchOrder).Distinct().Count());
        }

        // Different projections at one d: different Θ and θ0, and training sets of their own.
        var atFive = groups.Where(g => g.D == 5).Select(g => byId[g.Members[0]]).ToList();
        Assert.NotEqual(atFive[0].Seeds.Projection, atFive[1].Seeds.Projection);
        Assert.NotEqual(atFive[0].Seeds.Init, atFive[1].Seeds.Init);
        Assert.Empty(groups[0].Members.Select(id => byId[id].Seeds.Data).Intersect(groups[1].Members.Select(id => byId[id].Seeds.Data)));
    }

    [Fact]
    public void Training_j_of_projection_p_keeps_its_data_seed_and_theta0_across_d_but_not_its_theta()
    {
        var trials = SweepGrid.Expand(Spec);
        var five = trials.Single(t => t.IntrinsicDimension == 5 && t.Seed == 13);
        var ten = trials.Single(t => t.IntrinsicDimension == 10 && t.Seed == 13);

        Assert.Equal((1, 3), MiGrid.Split(13, Spec.Mi!));
        Assert.Equal(five.Seeds.Data, ten.Seeds.Data);
        Assert.Equal(five.Seeds.Init, ten.Seeds.Init);
        Assert.NotEqual(five.Seeds.Projection, ten.Seeds.Projection);
        Assert.NotEqual(MiGrid.GroupIdOf(five, Spec.Mi!), MiGrid.GroupIdOf(ten, Spec.Mi!));
    }

    [Fact]
    public void Mi_trial_ids_and_seeds_differ_from_the_plain_grid_of_the_same_spec()
    {
        var plain = SweepGrid.Expand(Spec with { Mi = null, Grid = Spec.Grid with { Seeds = [.. Enumerable.Range(0, 20)] } });
        var mi = SweepGrid.Expand(Spec);

        Assert.Empty(plain.Select(t => t.Id).Intersect(mi.Select(t => t.Id)));
        // Projection p uses the Θ and θ0 a plain sweep gives seed p: the subspaces are the same draws.
        var plainSeedOne = plain.Single(t => t.IntrinsicDimension == 5 && t.Seed == 1);
        var group = mi.Where(t => t.IntrinsicDimension == 5 && MiGrid.Split(t.Seed, Spec.Mi!).Projection == 1).ToList();
        Assert.All(group, t => Assert.Equal(plainSeedOne.Seeds.Projection, t.Seeds.Projection));
        Assert.DoesNotContain(group, t => t.Seeds.Data == plainSeedOne.Seeds.Data);
    }

    [Fact]
    public void Sample_positions_are_fixed_by_the_seed_sorted_and_within_n()
    {
        var positions = MiGrid.SamplePositions(11, 40, 8);

        Assert.Equal(positions, MiGrid.SamplePositions(11, 40, 8));
        Assert.Equal(8, positions.Distinct().Count());
        Assert.Equal(positions.Order(), positions);
        Assert.All(positions, i => Assert.InRange(i, 0, 39));
        Assert.NotEqual(positions, MiGrid.SamplePositions(12, 40, 8));
        Assert.Equal(Enumerable.Range(0, 5), MiGrid.SamplePositions(11, 5, 9));
    }

    [Fact]
    public void Training_set_draw_is_a_seeded_draw_without_replacement()
    {
        var set = SampleDraw.TrainingSet(100, 30, 42);

        Assert.Equal(set, SampleDraw.TrainingSet(100, 30, 42));
        Assert.Equal(30, set.Distinct().Count());
        Assert.All(set, i => Assert.InRange(i, 0, 99));
        Assert.NotEqual(set, SampleDraw.TrainingSet(100, 30, 43));
    }
}
