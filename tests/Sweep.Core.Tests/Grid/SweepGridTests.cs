using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Tests.Specs;

namespace Sweep.Core.Tests.Grid;

public sealed class SweepGridTests
{
    private static SweepSpec Spec(string gridLines) =>
        SpecReader.Read(SpecSamples.With("  d: [5, 10]\n  seeds: 2", gridLines));

    [Fact]
    public void Grid_size_is_the_product_of_its_axes()
    {
        var trials = SweepGrid.Expand(Spec("  d: [5, 10, 20]\n  seeds: 3\n  levels: [4, 16]"));

        Assert.Equal(3 * 3 * 2, trials.Count);
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Trial_ids_do_not_depend_on_list_order()
    {
        var a = SweepGrid.Expand(Spec("  d: [5, 10, 20]\n  seeds: [1, 2]\n  learning_rate: [0.1, 0.01]"));
        var b = SweepGrid.Expand(Spec("  d: [20, 5, 10]\n  seeds: [2, 1]\n  learning_rate: [0.01, 0.1]"));

        Assert.Equal(a.Select(t => t.Id.Value).Order(StringComparer.Ordinal), b.Select(t => t.Id.Value).Order(StringComparer.Ordinal));
        var byId = b.ToDictionary(t => t.Id);
        Assert.All(a, t => Assert.Equal(t.Seeds, byId[t.Id].Seeds));
    }

    [Fact]
    public void Trial_ids_are_the_same_on_every_expansion()
    {
        var spec = Spec("  d: [5, 10]\n  seeds: 2");

        Assert.Equal(SweepGrid.Expand(spec).Select(t => t.Id), SweepGrid.Expand(spec).Select(t => t.Id));
        Assert.Matches("^t-[0-9a-f]{12}$", SweepGrid.Expand(spec)[0].Id.Value);
    }

    [Fact]
    public void Seeds_are_derived_per_purpose_and_shared_across_d()
    {
        var trials = SweepGrid.Expand(Spec("  d: [5, 10]\n  seeds: 2"));
        var seed0 = trials.Where(t => t.Seed == 0).ToList();
        var seed1 = trials.Where(t => t.Seed == 1).ToList();

        // θ0, the data and the batch order follow the seed axis; Θ follows (seed, d).
        Assert.Equal(seed0[0].Seeds.Init, seed0[1].Seeds.Init);
        Assert.Equal(seed0[0].Seeds.Data, seed0[1].Seeds.Data);
        Assert.NotEqual(seed0[0].Seeds.Projection, seed0[1].Seeds.Projection);
        Assert.NotEqual(seed0[0].Seeds.Init, seed1[0].Seeds.Init);
        var s = seed0[0].Seeds;
        Assert.Equal(4, new[] { s.Projection, s.Init, s.Data, s.BatchOrder }.Distinct().Count());
    }

    [Fact]
    public void Spec_seed_changes_every_trial_seed_but_not_the_ids()
    {
        var a = SweepGrid.Expand(SpecReader.Read(SpecSamples.Valid));
        var b = SweepGrid.Expand(SpecReader.Read(SpecSamples.With("seed: 1", "seed: 2")));

        Assert.Equal(a.Select(t => t.Id), b.Select(t => t.Id));
        Assert.All(a.Zip(b), p => Assert.NotEqual(p.First.Seeds.Init, p.Second.Seeds.Init));
    }

    [Fact]
    public void Scalar_axis_values_reach_the_trial_settings()
    {
        var trials = SweepGrid.Expand(Spec("  d: [5]\n  seeds: 1\n  levels: [4, 64]\n  learning_rate: [0.5]"));

        Assert.Equal([4, 64], trials.Select(t => t.Quantization.Levels).Order());
        Assert.All(trials, t => Assert.Equal(0.5, t.Training.LearningRate));
    }
}
