using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Core.Tests.Statistics;

/// <summary>
/// A small synthetic sweep with a known answer: the baseline's mean test accuracy is 0.9, so 90% of it is 0.81; mean
/// accuracy is 0.5 at d = 10, 0.7 at d = 100 and 0.85 at d = 1,000. d_int90 on the grid is 1,000; interpolated
/// linearly in log d it is 100·10^((0.81 − 0.7)/(0.85 − 0.7)) = 100·10^0.7333… ≈ 541.2.
/// </summary>
public sealed class BaselineAndDInt90Tests
{
    private const string Spec = """
        name: baseline-small
        seed: 7
        dataset:
          name: synthetic
          features: 20
          classes: 4
          pool_size: 4000
          train_size: 1000
          test_size: 1000
        model:
          kind: mlp
          widths: [20, 64, 4]
        projection:
          kind: [fastfood, none]
        quantization:
          levels: 32
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 5
          batch_size: 100
        grid:
          d: [10, 100, 1000]
          seeds: 2
        """;

    private static readonly IReadOnlyDictionary<int, double[]> TestErrors = new Dictionary<int, double[]>
    {
        [0] = [0.08, 0.12],
        [10] = [0.45, 0.55],
        [100] = [0.28, 0.32],
        [1000] = [0.14, 0.16],
    };

    [Fact]
    public void The_baseline_is_one_trial_per_seed_sharing_the_subspace_trials_seeds_and_leaving_their_ids_alone()
    {
        var spec = SpecReader.Read(Spec, "baseline.yaml");
        var trials = SweepGrid.Expand(spec);
        var withoutBaseline = SweepGrid.Expand(SpecReader.Read(Spec.Replace("[fastfood, none]", "fastfood"), "fastfood.yaml"));

        var baselines = trials.Where(t => t.Projection.Kind == ProjectionKind.None).ToList();
        Assert.Equal(2, baselines.Count);
        Assert.Equal(6, trials.Count(t => t.Projection.Kind == ProjectionKind.Fastfood));
        Assert.Equal(withoutBaseline.Select(t => t.Id), trials.Where(t => t.Projection.Kind != ProjectionKind.None).Select(t => t.Id));
        Assert.All(baselines, b => Assert.Equal(0, b.IntrinsicDimension));
        foreach (var b in baselines)
        {
            var sameSeed = trials.First(t => t.Seed == b.Seed && t.IntrinsicDimension == 10);
            Assert.Equal((sameSeed.Seeds.Init, sameSeed.Seeds.Data, sameSeed.Seeds.BatchOrder), (b.Seeds.Init, b.Seeds.Data, b.Seeds.BatchOrder));
        }

        Assert.NotEqual(SpecHash.SweepIdOf(SpecReader.Read(Spec.Replace("[fastfood, none]", "fastfood"), "f.yaml")), SpecHash.SweepIdOf(spec));
    }

    [Fact]
    public void A_baseline_learning_rate_applies_to_the_baseline_trials_only()
    {
        var plain = SweepGrid.Expand(SpecReader.Read(Spec, "baseline.yaml"));
        var trials = SweepGrid.Expand(SpecReader.Read(Spec.Replace("  kind: [fastfood, none]", "  kind: [fastfood, none]\n  baseline_learning_rate: 0.001"), "baseline.yaml"));

        Assert.All(trials.Where(t => t.Projection.Kind == ProjectionKind.None), b => Assert.Equal(0.001, b.EffectiveTraining.LearningRate));
        Assert.All(trials.Where(t => t.Projection.Kind == ProjectionKind.Fastfood), t => Assert.Equal(0.05, t.EffectiveTraining.LearningRate));
        // The baseline stays in the subspace trials' series, so d_int90 still pairs them.
        Assert.Single(trials.Select(t => BoundCurves.SeriesOf(t)).Distinct());
        Assert.Equal(plain.Select(t => t.Id), trials.Select(t => t.Id));
    }

    [Theory]
    [InlineData("  kind: fastfood\n  baseline_learning_rate: 0.001", "  seeds: 2", "applies to the full-training baseline")]
    [InlineData("  kind: [fastfood, none]\n  baseline_learning_rate: 0", "  seeds: 2", "must be")]
    [InlineData("  kind: [fastfood, none]\n  baseline_learning_rate: 0.001", "  seeds: 2\n  learning_rate: [0.01, 0.1]", "does not combine with a grid.learning_rate axis")]
    public void A_baseline_learning_rate_without_a_baseline_or_beside_a_rate_axis_is_refused(string projection, string seeds, string message)
    {
        var yaml = Spec.Replace("  kind: [fastfood, none]", projection).Replace("  seeds: 2", seeds);

        var error = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "baseline.yaml"));
        var named = Assert.Single(error.Errors, e => e.Field == "projection.baseline_learning_rate");
        Assert.Contains(message, named.Message);
        Assert.Equal(15, named.Line);
    }

    [Fact]
    public void D_int90_is_the_smallest_d_reaching_90_percent_of_the_baseline_accuracy_interpolated_in_log_d()
    {
        var results = Results(TestErrors);

        var curves = BoundCurves.AgainstDimension(results);
        var baselines = IntrinsicDimension90.Baselines(results);
        var dInt90 = Assert.Single(IntrinsicDimension90.Of(curves, baselines));

        Assert.Equal([10.0, 100.0, 1000.0], curves.Select(p => p.X));
        var baseline = Assert.Single(baselines);
        Assert.Equal(0.9, baseline.TestAccuracy, 12);
        Assert.Equal(2, baseline.TestError.Count);
        Assert.Equal(0.81, dInt90.Threshold, 12);
        Assert.Equal(1000, dInt90.GridD);
        Assert.Equal(100 * Math.Pow(10, 0.11 / 0.15), dInt90.Interpolated!.Value, 6);
        Assert.InRange(dInt90.Interpolated!.Value, 541.1, 541.3);
        Assert.True(results.Where(r => r.IsBaseline).All(r => double.IsNaN(r.QuantizationBoundValue)));
    }

    [Fact]
    public void D_int90_not_reached_inside_the_grid_says_so_with_the_best_accuracy()
    {
        var errors = new Dictionary<int, double[]>(TestErrors) { [1000] = [0.24, 0.26] };

        var results = Results(errors);
        var dInt90 = Assert.Single(IntrinsicDimension90.Of(BoundCurves.AgainstDimension(results), IntrinsicDimension90.Baselines(results)));

        Assert.False(dInt90.Reached);
        Assert.Null(dInt90.Interpolated);
        Assert.StartsWith("not reached: the best mean test accuracy 0.750 (d = 1000)", dInt90.Note);
    }

    private static List<TrialResult> Results(IReadOnlyDictionary<int, double[]> testErrors)
    {
        var trials = SweepGrid.Expand(SpecReader.Read(Spec, "baseline.yaml"));
        return trials.Select(t =>
        {
            var error = testErrors[t.IntrinsicDimension][t.Seed % 2];
            return new TrialResult(t, new TrainingMetrics(0.1, 0.02, 0.3, error, 0.02, 1604, 50, 1, 0, 1), 0.5);
        }).ToList();
    }
}
