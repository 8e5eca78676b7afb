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

/// <summary>Folds trial results into curves: for each value of d (per series), the mean and 95% CI over seeds.</summary>
public static class BoundCurves
{
    public static IReadOnlyList<CurvePoint> AgainstDimension(IEnumerable<TrialResult> results) =>
        results
            .GroupBy(r => (Series: SeriesOf(r.Config), X: r.Config.IntrinsicDimension))
            .OrderBy(g => g.Key.Series, StringComparer.Ordinal).ThenBy(g => g.Key.X)
            .Select(g => new CurvePoint(
                g.Key.Series,
                "d",
                g.Key.X,
                MeanInterval.Of(g.Select(r => r.Metrics.TrainError).ToList()),
                MeanInterval.Of(g.Select(r => r.Metrics.TestError).ToList()),
                MeanInterval.Of(g.Select(r => r.Gap).ToList()),
                MeanInterval.Of(g.Select(r => r.QuantizationBoundValue).ToList()),
                MeanInterval.Of(g.Select(r => r.TestErrorBound).ToList())))
            .ToList();

    /// <summary>The settings besides d and seed that distinguish curves, e.g. "K=16 lr=0.01 n=10000".</summary>
    public static string SeriesOf(TrialConfig c) => string.Create(CultureInfo.InvariantCulture,
        $"K={c.Quantization.Levels} lr={c.Training.LearningRate:R} n={c.Dataset.TrainSize} epochs={c.Training.Epochs} batch={c.Training.BatchSize}");
}
