using Sweep.Core.Bounds;

namespace Sweep.Core.Statistics;

/// <summary>Puts the MI-based bound on the bound curves: per series and d, the mean and 95% CI over the estimated Θ groups.</summary>
public static class MiBoundCurves
{
    public static IReadOnlyList<CurvePoint> Attach(IReadOnlyList<CurvePoint> curves, IEnumerable<MiGroupEstimate> estimates)
    {
        var byPoint = estimates
            .GroupBy(e => (e.Series, X: (double)e.D))
            .ToDictionary(g => g.Key, g => MeanInterval.Of(g.Select(e => e.Bound).ToList()));
        if (byPoint.Count == 0)
        {
            return curves;
        }

        return curves.Select(p => byPoint.TryGetValue((p.Series, p.X), out var mi) ? p with { MiBound = mi } : p).ToList();
    }
}
