using Sweep.Core.Grid;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Core.Tests.Specs;

namespace Sweep.Core.Tests.Grid;

public sealed class SupersampleGridTests
{
    /// <summary><see cref="SpecSamples.Valid"/> (pool 2000, n = 500) with a supersample block: per d, 2 groups × 6 trainings.</summary>
    private static readonly string Yaml = SpecSamples.With("  seeds: 2", "mi:\n  kind: supersample\n  trainings_per_projection: 6\n  projections: 2\n  delta: 0.1");

    [Fact]
    public void Supersample_block_reads_its_kind_delta_and_default_null_repetitions()
    {
        var mi = SpecReader.Read(Yaml, "ss.yaml").Mi!;

        Assert.Equal(MiKind.Supersample, mi.Kind);
        Assert.Equal(0.1, mi.DeltaOrDefault);
        Assert.Equal(6, mi.TrainingsPerProjection);
        Assert.Equal(10, mi.NullRepetitionsOrDefault);
    }

    [Theory]
    [InlineData("  delta: 0.1", "  delta: 1.5", "mi.delta", 28)]
    [InlineData("  delta: 0.1", "  delta: 0.1\n  k: 3", "mi.k", 29)]
    [InlineData("  delta: 0.1", "  delta: 0.1\n  samples_per_trial: 3", "mi.samples_per_trial", 29)]
    [InlineData("  kind: supersample", "  kind: lots", "mi.kind", 25)]
    public void Broken_supersample_block_names_line_and_field(string original, string broken, string field, int line)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(Yaml.Replace(original, broken, StringComparison.Ordinal), "ss.yaml"));

        var error = Assert.Single(e.Errors, x => x.Field == field);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_supersample_of_more_than_the_pool_is_rejected()
    {
        var yaml = Yaml.Replace("  train_size: 500", "  train_size: 1001", StringComparison.Ordinal);

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "ss.yaml"));

        Assert.Contains(e.Errors, x => x.Field == "mi.kind" && x.Message.Contains("2n = 2002"));
    }

    [Fact]
    public void A_group_shares_its_supersample_and_theta_and_each_training_draws_its_own_selector()
    {
        var spec = SpecReader.Read(Yaml, "ss.yaml");
        var trials = SweepGrid.Expand(spec);
        var groups = MiGrid.Groups(trials, spec.Mi!);

        Assert.Equal(2 * 2 * 6, trials.Count);
        Assert.Equal(4, groups.Count);
        foreach (var group in groups)
        {
            var members = trials.Where(t => group.Members.Contains(t.Id)).ToList();
            Assert.Single(members.Select(t => t.Supersample!.Seed).Distinct());
            Assert.Single(members.Select(t => t.Seeds.Projection).Distinct());
            Assert.Single(members.Select(t => t.Seeds.Init).Distinct());
            Assert.Equal(6, members.Select(t => t.Seeds.Data).Distinct().Count());
        }

        // The same Z̃ for projection p at every d, a different one for the other p.
        Assert.Equal(2, trials.Select(t => t.Supersample!.Seed).Distinct().Count());
    }

    [Fact]
    public void Supersample_rows_are_2n_distinct_pool_rows_and_the_training_set_picks_one_of_each_pair()
    {
        var rows = SupersampleDraw.Rows(1000, 50, supersampleSeed: 3);
        var u = SupersampleDraw.Selector(50, dataSeed: 4);
        var train = SupersampleDraw.TrainingRows(rows, u);

        Assert.Equal(100, rows.Distinct().Count());
        Assert.All(rows, r => Assert.InRange(r, 0, 999));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(u[i] ? rows[50 + i] : rows[i], train[i]);
        }

        Assert.Equal(u, SupersampleDraw.Selector(50, dataSeed: 4));
        Assert.NotEqual(u, SupersampleDraw.Selector(50, dataSeed: 5));
        var ones = Enumerable.Range(0, 200).Sum(s => SupersampleDraw.Selector(50, s).Count(b => b));
        Assert.InRange(ones / (200.0 * 50), 0.47, 0.53);
        Assert.Throws<ArgumentOutOfRangeException>(() => SupersampleDraw.Rows(99, 50, supersampleSeed: 3));
    }

    [Fact]
    public void Losses_round_trip_through_their_text_form()
    {
        bool[] l0 = [true, false, false], l1 = [false, false, true];

        var text = SupersampleDraw.EncodeLosses(l0, l1);

        Assert.Equal("100001", text);
        Assert.Equal((l0, l1), SupersampleDraw.DecodeLosses(text), new LossComparer());
        Assert.Throws<FormatException>(() => SupersampleDraw.DecodeLosses("10x"));
    }

    private sealed class LossComparer : IEqualityComparer<(bool[], bool[])>
    {
        public bool Equals((bool[], bool[]) a, (bool[], bool[]) b) => a.Item1.SequenceEqual(b.Item1) && a.Item2.SequenceEqual(b.Item2);

        public int GetHashCode((bool[], bool[]) obj) => 0;
    }
}
