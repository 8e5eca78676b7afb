using Sweep.Core.RateDistortion;
using Sweep.Core.Trials;

namespace Sweep.Core.Statistics;

/// <summary>
/// One (λ, d) point of a regularized sweep, mean and 95% CI over seeds: test error of the full network θ and of the
/// compressed θ̃, the compressed test-error bound, the rate-distortion test-error bound for θ (0-1 loss, form b), the
/// Lipschitz form (a) on the surrogate loss where it applies, the distortion, θ's gap and the two disagreement rates.
/// </summary>
public sealed record RateDistortionPoint(
    string Series,
    double Lambda,
    int D,
    MeanInterval FullTestError,
    MeanInterval FullGap,
    MeanInterval CompressedTestError,
    MeanInterval CompressedTestErrorBound,
    MeanInterval FullTestErrorBound,
    MeanInterval? SurrogateTestRiskBound,
    MeanInterval Distortion,
    MeanInterval TrainDisagreement,
    MeanInterval TestDisagreement);

public static class RateDistortionCurves
{
    /// <summary>The points of the regularized trials among <paramref name="results"/>, ordered by series, λ and d.</summary>
    public static IReadOnlyList<RateDistortionPoint> For(IEnumerable<TrialResult> results) =>
        results
            .Where(r => r.Config.Regularized is not null && r.Metrics.RateDistortion is not null)
            .GroupBy(r => (Series: BaseSeries(r.Config), r.Config.Regularized!.Lambda, D: r.Config.IntrinsicDimension))
            .OrderBy(g => g.Key.Series, StringComparer.Ordinal).ThenBy(g => g.Key.Lambda).ThenBy(g => g.Key.D)
            .Select(g => Point(g.Key.Series, g.Key.Lambda, g.Key.D, g.ToList()))
            .ToList();

    /// <summary>The series without λ (λ is an axis of these curves).</summary>
    public static string BaseSeries(TrialConfig c) => BoundCurves.SeriesOf(c with { Regularized = null });

    private static RateDistortionPoint Point(string series, double lambda, int d, List<TrialResult> runs)
    {
        var metrics = runs.Select(r => r.Metrics.RateDistortion!).ToList();
        var bounds = runs.Select(r => RateDistortionTrialBounds.Of(r)!).ToList();
        var surrogate = bounds.All(b => b.SurrogateTestRiskBound is not null) ? MeanInterval.Of(bounds.Select(b => b.SurrogateTestRiskBound!.Value).ToList()) : null;
        return new RateDistortionPoint(
            series,
            lambda,
            d,
            MeanInterval.Of(metrics.Select(m => m.FullTestError).ToList()),
            MeanInterval.Of(metrics.Select(m => m.FullTestError - m.FullTrainError).ToList()),
            MeanInterval.Of(runs.Select(r => r.Metrics.TestError).ToList()),
            MeanInterval.Of(bounds.Select(b => b.CompressedTestErrorBound).ToList()),
            MeanInterval.Of(bounds.Select(b => b.FullTestErrorBound).ToList()),
            surrogate,
            MeanInterval.Of(metrics.Select(m => m.Distortion).ToList()),
            MeanInterval.Of(metrics.Select(m => m.TrainDisagreement).ToList()),
            MeanInterval.Of(metrics.Select(m => m.TestDisagreement).ToList()));
    }
}
