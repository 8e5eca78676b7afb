using Sweep.Core.Bounds;

namespace Sweep.Reporting;

/// <summary>
/// The <c>rate_distortion</c> part of summary.json: both bound forms with their formulas and assumptions, the
/// confidence, the surrogate's cap, every (λ, d) point, and the slicing paper's claim checked per d: does the largest
/// λ lower the compressed test-error bound below λ = 0's while the full network's test error stays within 2 points?
/// </summary>
internal static class RateDistortionSummary
{
    public const double PaperTolerance = 0.02;

    public static object? Of(SweepReport report)
    {
        if (!report.IsRateDistortion)
        {
            return null;
        }

        var settings = report.Results.First(r => r.Config.Regularized is not null).Config.Regularized!;
        var points = report.RateDistortionCurves;
        return new
        {
            Training = "all D weights from θ0 on cross-entropy + λ·‖(I − P_Θ)(θ − θ0)‖², the penalty applied by its proximal step after each optimizer step (docs/rate-distortion.md)",
            Compression = "w' = argmin ‖θ − θ0 − Θw'‖ (exact least squares), quantized on the spec's fixed grid of K levels; θ̃ = θ0 + Θ·w'_q; trials.csv's metric columns are θ̃'s",
            CompressedBound = new { Formula = "sqrt(2·σ²·d·ln K / n)", Assumptions = RateDistortionBound.CompressedAssumptions },
            DisagreementForm = new
            {
                Formula = "test-error bound(θ) = train error(θ) + compressed bound + train disagreement + Clopper–Pearson upper limit of the test disagreement",
                settings.Confidence,
                Assumptions = RateDistortionBound.DisagreementAssumptions,
            },
            LipschitzForm = new
            {
                Formula = "surrogate test-risk bound(θ) = surrogate train loss(θ) + compressed bound + 2·L·‖θ − θ̃‖, surrogate min(CE, B)/B",
                settings.LossCap,
                LipschitzSource = settings.Lipschitz is not null ? "given in the spec" : "derived per trial for ReLU MLPs on a bounded input domain; absent otherwise",
                Assumptions = RateDistortionBound.LipschitzAssumptions,
            },
            PaperClaim = Claim(points),
            Points = points,
        };
    }

    private static IEnumerable<object> Claim(IReadOnlyList<Sweep.Core.Statistics.RateDistortionPoint> points) =>
        points.GroupBy(p => (p.Series, p.D)).Where(g => g.Any(p => p.Lambda == 0) && g.Any(p => p.Lambda > 0)).Select(g =>
        {
            var plain = g.First(p => p.Lambda == 0);
            var strongest = g.MaxBy(p => p.Lambda)!;
            var boundDrop = plain.CompressedTestErrorBound.Mean - strongest.CompressedTestErrorBound.Mean;
            var errorChange = strongest.FullTestError.Mean - plain.FullTestError.Mean;
            return new
            {
                g.Key.Series,
                g.Key.D,
                LargestLambda = strongest.Lambda,
                CompressedTestErrorBoundAtZero = plain.CompressedTestErrorBound.Mean,
                CompressedTestErrorBoundAtLargest = strongest.CompressedTestErrorBound.Mean,
                FullTestErrorAtZero = plain.FullTestError.Mean,
                FullTestErrorAtLargest = strongest.FullTestError.Mean,
                Holds = boundDrop > 0 && errorChange <= PaperTolerance,
            };
        });
}
