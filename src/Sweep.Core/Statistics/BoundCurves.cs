using System.Globalization;
using Sweep.Core.Trials;

namespace Sweep.Core.Statistics;

/// <summary>One point of a bound curve: an x value (d) within a series (the other swept settings), over seeds.</summary>
public sealed record CurvePoint(
    string Series,
    string Axis,
    double X,
    MeanInterval TrainError,
    MeanInterval TestError,
    MeanInterval Gap,
    MeanInterval Bound,
    MeanInterval TestErrorBound)
{
    /// <summary>The MI-based (individual-sample or k-sliced) bound: mean and 95% CI over the Θ groups at this d; null without estimates.</summary>
    public MeanInterval? MiBound { get; init; }
}

/// <summary>
/// Folds trial results into curves: for each value of d (per series), the mean and 95% CI over seeds; for a LoRA
/// sweep, for each rank r with one series per mode (see <see cref="AgainstRank"/>). Full-training baseline trials
/// are not points of a curve: see <see cref="IntrinsicDimension90.Baselines"/>.
/// </summary>
public static partial class BoundCurves
{
    public static IReadOnlyList<CurvePoint> AgainstDimension(IEnumerable<TrialResult> results) =>
        results
            .Where(r => !r.IsBaseline)
            .GroupBy(r => (Series: SeriesOf(r.Config), X: r.Config.IntrinsicDimension))
            .OrderBy(g => g.Key.Series, StringComparer.Ordinal).ThenBy(g => g.Key.X)
            .Select(g => Point(g.Key.Series, "d", g.Key.X, g.ToList()))
            .ToList();

    /// <summary>The mean and 95% CI over <paramref name="runs"/> (the seeds of one grid point) of every quantity.</summary>
    private static CurvePoint Point(string series, string axis, double x, IReadOnlyList<TrialResult> runs) => new(
        series,
        axis,
        x,
        MeanInterval.Of(runs.Select(r => r.Metrics.TrainError).ToList()),
        MeanInterval.Of(runs.Select(r => r.Metrics.TestError).ToList()),
        MeanInterval.Of(runs.Select(r => r.Gap).ToList()),
        MeanInterval.Of(runs.Select(r => r.QuantizationBoundValue).ToList()),
        MeanInterval.Of(runs.Select(r => r.TestErrorBound).ToList()));

    /// <summary>The settings besides d and seed that distinguish curves, e.g. "K=16 lr=0.01 n=10000".
    /// A regularized trial's series starts with its penalty weight ("λ=0.1 K=16 ...").</summary>
    public static string SeriesOf(TrialConfig c) => (c.Regularized is { } rd ? string.Create(CultureInfo.InvariantCulture, $"λ={rd.Lambda:R} ") : "") +
        string.Create(CultureInfo.InvariantCulture,
        $"K={c.Quantization.Levels} lr={c.Training.LearningRate:R} n={c.Dataset.TrainSize} epochs={c.Training.Epochs} batch={c.Training.BatchSize}");
}
