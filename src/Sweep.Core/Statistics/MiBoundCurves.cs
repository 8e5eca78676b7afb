using Sweep.Core.Bounds;

namespace Sweep.Core.Statistics;

/// <summary>
/// Puts the group estimates on the bound curves: per series and d, the mean and 95% CI over the P groups of the
/// estimated individual-sample MI term (with its null-check summary), or of the supersample CMI bounds and the
/// measured supersample gap.
/// </summary>
public static class MiBoundCurves
{
    public static IReadOnlyList<CurvePoint> Attach(IReadOnlyList<CurvePoint> curves, IEnumerable<MiGroupEstimate> estimates)
    {
        var byPoint = estimates.GroupBy(e => (e.Series, X: (double)e.D)).ToDictionary(g => g.Key, g => g.ToList());
        if (byPoint.Count == 0)
        {
            return curves;
        }

        return curves.Select(p => byPoint.TryGetValue((p.Series, p.X), out var groups) ? With(p, groups) : p).ToList();
    }

    private static CurvePoint With(CurvePoint p, IReadOnlyList<MiGroupEstimate> groups)
    {
        var cmi = groups.Where(g => g.Cmi is not null).Select(g => g.Cmi!).ToList();
        var individual = groups.Where(g => g.Cmi is null).ToList();
        if (individual.Count > 0)
        {
            var nulls = individual.Where(g => g.PerSampleNull is not null).SelectMany(g => g.PerSampleNull!).ToList();
            p = p with
            {
                MiTermEstimate = MeanInterval.Of(individual.Select(e => e.Bound).ToList()),
                MiNullIndistinguishableFraction = nulls.Count > 0 ? (double)nulls.Count(n => n.Indistinguishable) / nulls.Count : null,
            };
        }

        if (cmi.Count > 0)
        {
            p = p with
            {
                CmiLossDifferenceBound = MeanInterval.Of(cmi.Select(c => c.LossDifference.Upper).ToList()),
                CmiEvaluatedBound = MeanInterval.Of(cmi.Select(c => c.EvaluatedCmi.Upper).ToList()),
                CmiLossDifferencePlugIn = MeanInterval.Of(cmi.Select(c => c.LossDifference.PlugIn).ToList()),
                SupersampleGap = MeanInterval.Of(cmi.Select(c => c.MeasuredGap).ToList()),
                CmiNullIndistinguishableGroups = cmi.Count(c => c.LossDifference.Null.Indistinguishable),
            };
        }

        return p;
    }
}
