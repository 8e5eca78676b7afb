using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests;

/// <summary>Small real specs and values for tests.</summary>
internal static class Samples
{
    public const string SyntheticYaml = """
        name: tiny
        seed: 3
        dataset:
          name: synthetic
          features: 8
          classes: 3
          separation: 4.0
          pool_size: 600
          train_size: 300
          test_size: 300
        model:
          kind: mlp
          widths: [8, 12, 3]
        projection:
          kind: orthonormal
        quantization:
          levels: 32
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 3
          batch_size: 50
        grid:
          d: [4, 16]
          seeds: 2
        """;

    /// <summary>The tiny spec with an mi block instead of seeds: per d, 2 projections × 5 trainings on n = 30 samples.</summary>
    public static readonly string MiYaml = SyntheticYaml
        .Replace("name: tiny", "name: tiny-mi", StringComparison.Ordinal)
        .Replace("  train_size: 300", "  train_size: 30", StringComparison.Ordinal)
        .Replace("  epochs: 3", "  epochs: 4", StringComparison.Ordinal)
        .Replace("  batch_size: 50", "  batch_size: 10", StringComparison.Ordinal)
        .Replace("  seeds: 2", "mi:\n  trainings_per_projection: 5\n  projections: 2\n  k: 2\n  samples_per_trial: 4", StringComparison.Ordinal);

    /// <summary>The tiny spec with a supersample block: per d, 1 group of 12 trainings on n = 20 pairs of a 40-example Z̃.</summary>
    public static readonly string CmiYaml = SyntheticYaml
        .Replace("name: tiny", "name: tiny-cmi", StringComparison.Ordinal)
        .Replace("  train_size: 300", "  train_size: 20", StringComparison.Ordinal)
        .Replace("  epochs: 3", "  epochs: 6", StringComparison.Ordinal)
        .Replace("  batch_size: 50", "  batch_size: 10", StringComparison.Ordinal)
        .Replace("  seeds: 2", "mi:\n  kind: supersample\n  trainings_per_projection: 12\n  null_repetitions: 3", StringComparison.Ordinal);

    public static MiGroupEstimate MiEstimate(string groupId = "g-0123456789ab", int d = 4, int projection = 0, double bound = 0.2) =>
        new(groupId, d, projection, "K=32 lr=0.05 n=30 epochs=4 batch=10", "ksg(k=2)", 2, 5, 30, 0.5, [1, 7], [0.08, 0.1], null, bound, 0.01);

    /// <summary>A supersample group's CMI estimate (two pairs), as a journal or the wire carries it.</summary>
    public static CmiGroupEstimate CmiEstimate()
    {
        var check = new Core.Estimators.NullCheck(0.4, 0.1, 0.02, 0.15, 10, 1.0 / 11);
        var term = new CmiTerm(0.3, 0.6, [0.05, 0.04], [0.2, 0.16], check);
        return new CmiGroupEstimate(200, 2, 0.05, term, term with { Upper = 0.5 }, 0.12, 0.01);
    }

    public static SweepSpec Spec(string yaml = SyntheticYaml) => SpecReader.Read(yaml, "tiny.yaml");

    public static IReadOnlyList<TrialConfig> Trials(SweepSpec spec) => SweepGrid.Expand(spec);

    public static TrainingMetrics Metrics(double trainError = 0.1, double testError = 0.15) =>
        new(0.3, trainError, 0.4, testError, trainError, 147, 18, 1.25, 0.0, 0.5);
}
