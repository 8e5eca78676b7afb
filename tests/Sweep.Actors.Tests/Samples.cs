using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests;

/// <summary>Small real specs and values for tests.</summary>
internal static class Samples
{
    /// <summary>A subspace sweep of 2 d × 2 seeds (<see cref="SpecYaml.Tiny"/>).</summary>
    public static readonly string SyntheticYaml = SpecYaml.Tiny;

    /// <summary>A fixed instant for events and fake clocks.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The tiny spec with an mi block instead of seeds (<see cref="SpecYaml.TinyMi"/>).</summary>
    public static readonly string MiYaml = SpecYaml.TinyMi;

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

    /// <summary>A topology group's estimate: an essential H₀ bar, two finite ones, one long H₁ bar (a circle at threshold 0.5).</summary>
    public static Core.Topology.TopologyGroupEstimate TopologyEstimate(string groupId = "t-0123456789ab", int d = 40) =>
        new(groupId, d, d == 0 ? "none" : "orthonormal", "K=16 lr=0.05 n=300 epochs=3 batch=50", 4, 32, 30, 15, 3, 0.5, 1, 0.3, 1.4,
            [new(0, 0.2), new(0, 0.35), new(0, double.PositiveInfinity)], [new(0.3, 1.4), new(0.5, 0.55)], 9, [.. Enumerable.Range(0, 27).Select(i => i / 27f - 0.5f)]);

    public static SweepSpec Spec(string? yaml = null) => SpecReader.Read(yaml ?? SyntheticYaml, "tiny.yaml");

    public static IReadOnlyList<TrialConfig> Trials(SweepSpec spec) => SweepGrid.Expand(spec);

    public static TrainingMetrics Metrics(double trainError = 0.1, double testError = 0.15) =>
        new(0.3, trainError, 0.4, testError, trainError, 147, 18, 1.25, 0.0, 0.5);
}
