using Sweep.Core.Bounds;
using Sweep.Core.Specs;

namespace Sweep.Reporting;

/// <summary>The <c>mi_bound</c> section of summary.json: which MI bound, how it was estimated, and its caveats.</summary>
public static class MiBoundSummary
{
    /// <summary>The legend text of the MI bound, naming the estimator.</summary>
    public static string Label(SweepReport report) => report.Mi?.Estimator == MiEstimatorKind.Ksmi
        ? $"k-sliced MI bound (k-SMI, slice dim {report.Mi.SliceDimension})"
        : "individual-sample MI bound (KSG)";

    public static object? Of(SweepReport report)
    {
        if (report.Mi is not { } mi)
        {
            return null;
        }

        var curves = report.Curves.Where(p => p.MiBound is not null).ToList();
        return new
        {
            Kind = mi.Estimator == MiEstimatorKind.Ksg ? "individual-sample MI bound (Bu et al. 2019), W' given Θ" : "k-sliced individual-sample MI bound, W' given Θ",
            Formula = mi.Estimator == MiEstimatorKind.Ksg ? IndividualSampleMiBound.Formula : IndividualSampleMiBound.SlicedFormula,
            Units = "nats",
            report.Sigma,
            Estimator = IndividualSampleMiBound.EstimatorName(mi),
            mi.K,
            TrainingsPerProjection = mi.TrainingsPerProjection,
            Projections = mi.Projections,
            SamplesPerTrial = mi.SamplesPerTrial,
            Slices = mi.Estimator == MiEstimatorKind.Ksmi ? mi.Slices : (int?)null,
            SliceDim = mi.Estimator == MiEstimatorKind.Ksmi ? mi.SliceDimension : (int?)null,
            Description = mi.Describe(),
            Assumptions = IndividualSampleMiBound.Assumptions,
            Caveat = IndividualSampleMiBound.BiasCaveat,
            GroupsEstimated = report.MiEstimates.Count,
            GroupsFailed = report.MiFailures.Count,
            Failures = report.MiFailures.Select(f => new { Group = f.Key, f.Value }),
            MiBoundAboveGapAtEveryD = curves.Count > 0 && curves.All(p => p.MiBound!.Mean >= p.Gap.Mean),
            Groups = report.MiEstimates.OrderBy(e => e.D).ThenBy(e => e.Projection).Select(e => new
            {
                e.GroupId,
                e.D,
                e.Projection,
                e.Series,
                e.Trainings,
                e.N,
                e.Bound,
                MeanMiNats = e.MeanMi,
                PerSampleMiNats = e.PerSampleMi,
                e.Positions,
                e.Seconds,
            }),
        };
    }
}
