using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Lora;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Core.Tests.Lora;

public sealed class LoraGridTests
{
    private static SweepSpec Spec(string yaml = LoraSpecSamples.Valid) => SpecReader.Read(yaml, "lora.yaml");

    [Fact]
    public void Grid_is_rank_times_mode_times_seeds_with_distinct_ids()
    {
        var trials = SweepGrid.Expand(Spec(LoraSpecSamples.With("  seeds: 1", "  seeds: 2\n  learning_rate: [0.01, 0.003]")));

        Assert.Equal(2 * 3 * 2 * 2, trials.Count);
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
        Assert.All(trials, t => Assert.NotNull(t.Lora));
    }

    [Fact]
    public void Lora_ids_do_not_depend_on_list_order_and_match_the_canonical_point()
    {
        var a = SweepGrid.Expand(Spec());
        var b = SweepGrid.Expand(Spec(LoraSpecSamples.With("  rank: [1, 2]\n  mode: [B-only, A-only, both]", "  rank: [2, 1]\n  mode: [both, A-only, B-only]")));

        Assert.Equal(a.Select(t => t.Id.Value).Order(StringComparer.Ordinal), b.Select(t => t.Id.Value).Order(StringComparer.Ordinal));
        var first = a.Single(t => t.Lora!.Settings is { Rank: 2, Mode: LoraMode.AOnly });
        Assert.Equal(TrialId.FromCanonicalPoint("mode=A-only;rank=2;seed=0"), first.Id);
    }

    [Fact]
    public void Trial_carries_p_and_two_to_the_q_levels_from_its_shapes()
    {
        // widths 12-16-6, both layers adapted: Σd_in = 28, Σd_out = 22.
        var trials = SweepGrid.Expand(Spec());

        long P(int rank, LoraMode mode) => trials.Single(t => t.Lora!.Settings.Rank == rank && t.Lora.Settings.Mode == mode).Lora!.TrainableParameters;
        Assert.Equal(22, P(1, LoraMode.BOnly));
        Assert.Equal(2 * 28, P(2, LoraMode.AOnly));
        Assert.Equal(2 * 50, P(2, LoraMode.Both));
        Assert.All(trials, t => Assert.Equal(t.Lora!.TrainableParameters, t.IntrinsicDimension));
        Assert.All(trials, t => Assert.Equal(16, t.Quantization.Levels));
        Assert.All(trials, t => Assert.Equal(4.0, t.Lora!.Settings.EffectiveAlpha / t.Lora.Settings.Rank * 2));
    }

    [Fact]
    public void Lora_result_uses_the_lora_bound()
    {
        var trial = SweepGrid.Expand(Spec()).Single(t => t.Lora!.Settings is { Rank: 2, Mode: LoraMode.Both });
        var result = new TrialResult(trial, new TrainingMetrics(0.1, 0.1, 0.2, 0.2, 0.1, 0, 1, 1, 0, 1), 0.5);

        var expected = LoraQuantizationBound.Compute(LoraMode.Both, 2, [new AdaptedShape(12, 16), new AdaptedShape(16, 6)], 4, 300, 0.5);
        Assert.Equal(expected, result.QuantizationBoundValue, 12);
        Assert.Equal(Math.Sqrt(2 * 0.25 * 4 * Math.Log(2) * 100 / 300), result.QuantizationBoundValue, 12);
        Assert.Equal(0.1 + expected, result.TestErrorBound, 12);
    }

    [Fact]
    public void Curves_run_against_rank_with_one_series_per_mode()
    {
        var results = SweepGrid.Expand(Spec()).Select(t => new TrialResult(t, new TrainingMetrics(0.1, 0.1, 0.2, 0.2, 0.1, 0, 1, 1, 0, 1), 0.5)).ToList();

        var curves = BoundCurves.For(results);

        Assert.All(curves, p => Assert.Equal("r", p.Axis));
        Assert.Equal(["B-only", "A-only", "both"], curves.Select(p => p.Series).Distinct());
        Assert.Equal([1.0, 2.0], curves.Where(p => p.Series == "both").Select(p => p.X));
    }

    [Fact]
    public void Subspace_spec_hash_and_ids_ignore_the_lora_fields()
    {
        var spec = SpecReader.Read(Specs.SpecSamples.Valid);

        Assert.DoesNotContain("Pretrain", System.Text.Json.JsonSerializer.Serialize(spec));
        Assert.DoesNotContain("Ranks", System.Text.Json.JsonSerializer.Serialize(spec.Grid));
        Assert.All(SweepGrid.Expand(spec), t => Assert.Null(t.Lora));
    }

    [Fact]
    public void Spec_hash_changes_with_the_ranks()
    {
        Assert.NotEqual(SpecHash.Full(Spec()), SpecHash.Full(Spec(LoraSpecSamples.With("  rank: [1, 2]", "  rank: [1, 4]"))));
        Assert.Equal(SpecHash.SweepIdOf(Spec()), SpecHash.SweepIdOf(Spec(LoraSpecSamples.With("  rank: [1, 2]", "  rank: [1, 4]"))));
    }
}

public sealed class LoraSpecExtensionTests
{
    [Fact]
    public void Adding_a_rank_extends_the_sweep_and_keeps_the_old_ids()
    {
        var old = SpecReader.Read(LoraSpecSamples.Valid, "lora.yaml");
        var @new = SpecReader.Read(LoraSpecSamples.With("  rank: [1, 2]", "  rank: [1, 2, 4]"), "lora.yaml");

        var extension = SpecExtension.Check(old, @new);

        Assert.True(extension.IsValid, extension.Describe());
        Assert.Contains("grid.rank + [4]", extension.Added);
        Assert.Subset(SweepGrid.Expand(@new).Select(t => t.Id).ToHashSet(), SweepGrid.Expand(old).Select(t => t.Id).ToHashSet());
    }

    [Fact]
    public void Dropping_a_mode_or_changing_the_stage_is_refused()
    {
        var old = SpecReader.Read(LoraSpecSamples.Valid, "lora.yaml");

        Assert.False(SpecExtension.Check(old, SpecReader.Read(LoraSpecSamples.With("  mode: [B-only, A-only, both]", "  mode: [B-only, both]"), "lora.yaml")).IsValid);
        Assert.False(SpecExtension.Check(old, SpecReader.Read(LoraSpecSamples.With("  train_size: 400", "  train_size: 500"), "lora.yaml")).IsValid);
    }
}
