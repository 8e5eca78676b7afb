using Sweep.Core.Bounds;
using Sweep.Core.Estimators;
using Sweep.Core.Specs;

namespace Sweep.Reporting;

/// <summary>The <c>cmi_bound</c> section of summary.json: the supersample CMI bounds, their confidence, assumptions and null checks, per group and per d.</summary>
public static class CmiBoundSummary
{
    public static string LossDifferenceLabel(SweepReport report) => $"loss-difference CMI bound (conf. {Confidence(report)} per group)";

    public static string EvaluatedLabel(SweepReport report) => $"evaluated-CMI bound (conf. {Confidence(report)} per group)";

    private static string Confidence(SweepReport report) => (1 - (report.Mi?.DeltaOrDefault ?? MiSpec.DefaultDelta)).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public static object? Of(SweepReport report)
    {
        if (report.Mi is not { Kind: MiKind.Supersample } mi)
        {
            return null;
        }

        var estimates = report.MiEstimates.Where(e => e.Cmi is not null).OrderBy(e => e.D).ThenBy(e => e.Projection).ToList();
        var points = report.Curves.Where(p => p.CmiLossDifferenceBound is not null).ToList();
        return new
        {
            Kind = "conditional-MI (supersample) bounds on |E[gen | Z̃, Θ]|, 0-1 loss",
            Certified = true,
            LossDifferenceFormula = SupersampleCmiBound.LossDifferenceFormula,
            LossDifferencePaper = "Wang & Mao 2023, Thm 3.1",
            EvaluatedFormula = SupersampleCmiBound.EvaluatedFormula,
            EvaluatedPaper = "Hellström & Durisi 2022 (samplewise evaluated CMI)",
            Units = "nats",
            Sigma = 0.5,
            Delta = mi.DeltaOrDefault,
            Confidence = SupersampleCmiBound.Confidence,
            Assumptions = SupersampleCmiBound.Assumptions,
            CiBasis = "mean and two-sided 95% Student-t interval over the P supersample groups at each d (each group its own Z̃ and Θ); a single value at P = 1",
            TrainingsPerGroup = mi.TrainingsPerProjection,
            Groups = mi.Projections,
            Description = mi.Describe(),
            NullCheck = new { Rule = PermutationNull.Rule, Repetitions = mi.NullRepetitionsOrDefault, Of = "the plug-in terms, U permuted across trainings" },
            GroupsEstimated = estimates.Count,
            GroupsFailed = report.MiFailures.Count,
            Failures = report.MiFailures.Select(f => new { Group = f.Key, f.Value }),
            BoundAboveSupersampleGapAtEveryD = points.Count > 0 && points.All(p => p.CmiLossDifferenceBound!.Mean >= p.SupersampleGap!.Mean),
            BoundAboveTestGapAtEveryD = points.Count > 0 && points.All(p => p.CmiLossDifferenceBound!.Mean >= p.Gap.Mean),
            PerGroup = estimates.Select(e => new
            {
                e.GroupId,
                e.D,
                e.Projection,
                e.Series,
                e.Trainings,
                e.N,
                LossDifferenceBound = e.Cmi!.LossDifference.Upper,
                LossDifferencePlugIn = e.Cmi.LossDifference.PlugIn,
                LossDifferenceNull = Null(e.Cmi.LossDifference.Null),
                EvaluatedBound = e.Cmi.EvaluatedCmi.Upper,
                EvaluatedPlugIn = e.Cmi.EvaluatedCmi.PlugIn,
                EvaluatedNull = Null(e.Cmi.EvaluatedCmi.Null),
                SupersampleGap = e.Cmi.MeasuredGap,
                SupersampleGapStandardError = e.Cmi.MeasuredGapStandardError,
                e.Seconds,
                EstimatedOn = e.Node, // the estimator node's address
            }),
        };
    }

    private static object Null(NullCheck n) => new { n.Estimate, n.NullMean, n.NullStandardDeviation, n.NullMax, n.PValue, n.Indistinguishable };
}
