using Sweep.Core.Bounds;
using Sweep.Core.Estimators;
using Sweep.Core.Specs;

namespace Sweep.Reporting;

/// <summary>
/// The <c>mi_term_estimate</c> section of summary.json: the individual-sample MI term as estimated (KSG in the
/// (d + input + 1)-dimensional joint space of W' and Z_i), how it was estimated, its null check and its caveats. It
/// is an estimated MI term, never a bound.
/// </summary>
public static class MiBoundSummary
{
    /// <summary>The legend text of the estimated MI term, naming the estimator.</summary>
    public static string Label(SweepReport report) => report.Mi?.Estimator == MiEstimatorKind.Ksmi
        ? $"estimated k-sliced MI term (k-SMI, slice dim {report.Mi.SliceDimension}; not a bound)"
        : "estimated individual-sample MI term (KSG; not a bound)";

    public const string CiBasis =
        "mean and two-sided 95% Student-t interval over the P groups (Θ, θ0) at each d; it counts the spread over Θ only, " +
        "not the estimator's bias; with P = 1 there is no interval (low = high = the single value)";

    public static object? Of(SweepReport report)
    {
        if (report.Mi is not { Kind: MiKind.IndividualSample } mi)
        {
            return null;
        }

        var estimates = report.MiEstimates.Where(e => e.Cmi is null).ToList();
        var nulls = estimates.Where(e => e.PerSampleNull is not null).SelectMany(e => e.PerSampleNull!).ToList();
        return new
        {
            Kind = mi.Estimator == MiEstimatorKind.Ksg
                ? "estimated individual-sample MI term (Bu et al. 2019 form), W' given Θ: an estimate, not a bound"
                : "estimated k-sliced MI term, W' given Θ: slicing after training lowers the MI, so this is not a bound",
            Formula = mi.Estimator == MiEstimatorKind.Ksg ? IndividualSampleMiBound.Formula : IndividualSampleMiBound.SlicedFormula,
            Certified = false,
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
            CiBasis,
            NullCheck = new
            {
                Rule = PermutationNull.Rule,
                Repetitions = mi.NullRepetitionsOrDefault,
                PositionsChecked = nulls.Count,
                PositionsIndistinguishable = nulls.Count(n => n.Indistinguishable),
            },
            GroupsEstimated = estimates.Count,
            GroupsFailed = report.MiFailures.Count,
            Failures = report.MiFailures.Select(f => new { Group = f.Key, f.Value }),
            Groups = estimates.OrderBy(e => e.D).ThenBy(e => e.Projection).Select(e => new
            {
                e.GroupId,
                e.D,
                e.Projection,
                e.Series,
                e.Trainings,
                e.N,
                MiTermEstimate = e.Bound,
                MeanMiNats = e.MeanMi,
                PerSampleMiNats = e.PerSampleMi,
                e.Positions,
                PerSampleNull = e.PerSampleNull?.Select(n => new { n.NullMean, n.NullStandardDeviation, n.NullMax, n.PValue, n.Indistinguishable }),
                e.Seconds,
                EstimatedOn = e.Node, // the estimator node's address
            }),
        };
    }
}
