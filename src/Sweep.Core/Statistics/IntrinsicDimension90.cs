using Sweep.Core.Trials;

namespace Sweep.Core.Statistics;

/// <summary>The full-training baseline of one series: its errors, mean and 95% CI over seeds; D weights trained.</summary>
public sealed record BaselinePoint(string Series, long ParameterCount, MeanInterval TrainError, MeanInterval TestError, MeanInterval Gap)
{
    /// <summary>Mean test accuracy, 1 − mean test error.</summary>
    public double TestAccuracy => 1 - TestError.Mean;
}

/// <summary>
/// Li et al.'s d_int90 for one series: the smallest d whose mean test accuracy reaches 90% of the baseline's mean
/// test accuracy. <see cref="GridD"/> is the smallest swept d that reaches it (null: not reached); <see
/// cref="Interpolated"/> interpolates the mean accuracy linearly in log d between that d and the swept d below it
/// (null when the smallest swept d already reaches it, so d_int90 lies at or below it, or when it is not reached).
/// </summary>
public sealed record DInt90(string Series, double BaselineAccuracy, double Threshold, int? GridD, double? Interpolated, string Note)
{
    /// <summary>The share of the baseline accuracy that defines d_int90.</summary>
    public const double Fraction = 0.9;

    public bool Reached => GridD is not null;
}

public static class IntrinsicDimension90
{
    /// <summary>One baseline point per series, over the baseline trials' seeds.</summary>
    public static IReadOnlyList<BaselinePoint> Baselines(IEnumerable<TrialResult> results) =>
        results
            .Where(r => r.IsBaseline)
            .GroupBy(r => BoundCurves.SeriesOf(r.Config))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BaselinePoint(
                g.Key,
                g.First().Metrics.ParameterCount,
                MeanInterval.Of(g.Select(r => r.Metrics.TrainError).ToList()),
                MeanInterval.Of(g.Select(r => r.Metrics.TestError).ToList()),
                MeanInterval.Of(g.Select(r => r.Gap).ToList())))
            .ToList();

    /// <summary>d_int90 of every series that has both a baseline and points against d.</summary>
    public static IReadOnlyList<DInt90> Of(IReadOnlyList<CurvePoint> curves, IReadOnlyList<BaselinePoint> baselines) =>
        baselines
            .Select(b => (Baseline: b, Points: curves.Where(p => p.Axis == "d" && p.Series == b.Series).OrderBy(p => p.X).ToList()))
            .Where(s => s.Points.Count > 0)
            .Select(s => Compute(s.Baseline, s.Points))
            .ToList();

    private static DInt90 Compute(BaselinePoint baseline, IReadOnlyList<CurvePoint> points)
    {
        var threshold = DInt90.Fraction * baseline.TestAccuracy;
        var index = points.ToList().FindIndex(p => 1 - p.TestError.Mean >= threshold);
        if (index < 0)
        {
            var best = points.MaxBy(p => 1 - p.TestError.Mean)!;
            return new DInt90(baseline.Series, baseline.TestAccuracy, threshold, null, null,
                $"not reached: the best mean test accuracy {1 - best.TestError.Mean:F3} (d = {best.X:G}) is below {threshold:F3}");
        }

        var reached = points[index];
        if (index == 0)
        {
            return new DInt90(baseline.Series, baseline.TestAccuracy, threshold, (int)reached.X, null,
                $"reached at the smallest swept d = {reached.X:G}; d_int90 lies at or below it");
        }

        var below = points[index - 1];
        var (a1, a2) = (1 - below.TestError.Mean, 1 - reached.TestError.Mean);
        var logD = Math.Log(below.X) + (threshold - a1) / (a2 - a1) * (Math.Log(reached.X) - Math.Log(below.X));
        return new DInt90(baseline.Series, baseline.TestAccuracy, threshold, (int)reached.X, Math.Exp(logD),
            $"between d = {below.X:G} (accuracy {a1:F3}) and d = {reached.X:G} (accuracy {a2:F3}), interpolated linearly in log d");
    }
}
