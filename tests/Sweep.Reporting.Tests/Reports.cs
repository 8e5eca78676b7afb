using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Reporting.Tests;

/// <summary>Small hand-made sweep reports: real trial configs from a shared spec, with made-up metrics (no training).</summary>
internal static class Reports
{
    public static SweepSpec Spec(string yaml) => SpecReader.Read(yaml, "report.yaml");

    public static IReadOnlyList<TrialConfig> Trials(SweepSpec spec) => SweepGrid.Expand(spec);

    /// <summary>A finished trial with the given errors; <paramref name="seconds"/> is its wall time, which no output may depend on.</summary>
    public static TrialResult Result(TrialConfig config, double trainError, double testError, double seconds = 0.5) =>
        new(config, new TrainingMetrics(0.3, trainError, 0.4, testError, trainError + 0.01, config.Model.ParameterCount, 18, 1.25, 0.0, seconds), 0.5);

    /// <summary>Every trial of <paramref name="spec"/> finished, train error 0.10 and test error 0.14 + 0.02·(trial index).</summary>
    public static IReadOnlyList<TrialResult> AllFinished(SweepSpec spec) =>
        Trials(spec).Select((t, i) => Result(t, 0.10, 0.14 + 0.02 * i)).ToList();

    public static FailedTrial Failed(TrialConfig config, int attempts, string reason) => new(config, attempts, reason);

    public static SweepReport Of(SweepSpec spec, IReadOnlyList<TrialResult> results, IReadOnlyList<FailedTrial>? failed = null) => new(
        SpecHash.SweepIdOf(spec).Value,
        spec.Name,
        SpecHash.Full(spec),
        spec.Bound.Sigma,
        Trials(spec).Count,
        results,
        failed ?? []);

    /// <summary>An MI estimate of the group at <paramref name="d"/> and <paramref name="projection"/>, on the series of <paramref name="trial"/>.</summary>
    public static MiGroupEstimate MiEstimate(TrialConfig trial, int d, int projection, double bound) =>
        new($"g-{d}-{projection}", d, projection, BoundCurves.SeriesOf(trial), "ksg(k=2)", 2, 5, trial.Dataset.TrainSize, 0.5, [1, 7], [0.08, 0.1], null, bound, 0.01);

    /// <summary>A results folder that deletes itself.</summary>
    public sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sweep-report-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
