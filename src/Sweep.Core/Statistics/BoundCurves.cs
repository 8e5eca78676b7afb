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
    /// <summary>
    /// The estimated individual-sample MI term (1/s)·Σ_i sqrt(2σ²·Î^Θ(W'; Z_i)) with KSG: an estimate, never a bound.
    /// Mean and 95% Student-t CI over the P Θ groups at this d (a single value at P = 1); null without estimates.
    /// </summary>
    public MeanInterval? MiTermEstimate { get; init; }

    /// <summary>Of the s·P estimated positions at this d, the fraction the permutation null cannot tell apart; null without null checks.</summary>
    public double? MiNullIndistinguishableFraction { get; init; }

    /// <summary>The loss-difference CMI bound (upper confidence, δ per group): mean and 95% CI over the P supersample groups.</summary>
    public MeanInterval? CmiLossDifferenceBound { get; init; }

    /// <summary>The evaluated-CMI bound (upper confidence, δ per group): mean and 95% CI over the P supersample groups.</summary>
    public MeanInterval? CmiEvaluatedBound { get; init; }

    /// <summary>The plug-in value of the loss-difference CMI term (an estimate, not the bound), over the groups.</summary>
    public MeanInterval? CmiLossDifferencePlugIn { get; init; }

    /// <summary>The measured supersample gap (held-out halves − training halves) of the same trainings, per group averaged over its M trainings, over groups.</summary>
    public MeanInterval? SupersampleGap { get; init; }

    /// <summary>Of the P groups at this d, how many plug-in loss-difference terms the permutation null cannot tell apart.</summary>
    public int? CmiNullIndistinguishableGroups { get; init; }
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
