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

    public static SweepSpec Spec(string yaml = SyntheticYaml) => SpecReader.Read(yaml, "tiny.yaml");

    public static IReadOnlyList<TrialConfig> Trials(SweepSpec spec) => SweepGrid.Expand(spec);

    public static TrainingMetrics Metrics(double trainError = 0.1, double testError = 0.15) =>
        new(0.3, trainError, 0.4, testError, trainError, 147, 18, 1.25, 0.0, 0.5);
}
