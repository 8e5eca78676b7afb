using Sweep.Core.RateDistortion;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;
using static Sweep.Reporting.CsvText;

namespace Sweep.Reporting;

/// <summary>
/// The rate-distortion outputs in CSV: the columns a regularized trial adds to <c>trials.csv</c>, and
/// <c>rate-distortion.csv</c> with one row per (series, λ, d), mean and 95% CI over seeds.
/// </summary>
public static class RateDistortionTable
{
    public const string File = "rate-distortion.csv";

    /// <summary>
    /// Added to trials.csv (whose metric columns then describe the compressed θ̃): λ, θ's numbers, the distortion,
    /// the disagreements, L, and both bound forms.
    /// </summary>
    public static readonly IReadOnlyList<string> TrialHeader =
    [
        "lambda", "full_train_loss", "full_train_error", "full_test_loss", "full_test_error", "full_gap", "distortion",
        "train_disagreement", "test_disagreement", "test_disagreement_upper", "confidence",
        "rd_bound_disagreement", "rd_test_error_bound", "loss_cap", "full_surrogate_train_loss", "lipschitz",
        "lipschitz_source", "rd_bound_lipschitz", "rd_surrogate_test_risk_bound",
    ];

    private static readonly (string Name, Func<RateDistortionPoint, MeanInterval?> Of)[] Quantities =
    [
        ("full_test_error", p => p.FullTestError),
        ("full_gap", p => p.FullGap),
        ("compressed_test_error", p => p.CompressedTestError),
        ("compressed_test_error_bound", p => p.CompressedTestErrorBound),
        ("rd_test_error_bound", p => p.FullTestErrorBound),
        ("rd_surrogate_test_risk_bound", p => p.SurrogateTestRiskBound),
        ("distortion", p => p.Distortion),
        ("train_disagreement", p => p.TrainDisagreement),
        ("test_disagreement", p => p.TestDisagreement),
    ];

    public static IReadOnlyList<string> CurveHeader { get; } =
        ["series", "lambda", "d", "seeds", .. Quantities.SelectMany(q => new[] { q.Name + "_mean", q.Name + "_ci_low", q.Name + "_ci_high" })];

    public static IReadOnlyList<string> TrialRow(TrialResult r)
    {
        if (r.Config.Regularized is not { } rd || r.Metrics.RateDistortion is not { } m || RateDistortionTrialBounds.Of(r) is not { } b)
        {
            return Enumerable.Repeat("", TrialHeader.Count).ToArray();
        }

        return
        [
            Number(rd.Lambda), Number(m.FullTrainLoss), Number(m.FullTrainError), Number(m.FullTestLoss), Number(m.FullTestError),
            Number(m.FullTestError - m.FullTrainError), Number(m.Distortion), Number(m.TrainDisagreement), Number(m.TestDisagreement),
            Number(b.PopulationDisagreementUpper), Number(rd.Confidence), Number(b.Disagreement), Number(b.FullTestErrorBound),
            Number(rd.LossCap), Number(m.FullSurrogateTrainLoss), m.Lipschitz is { } l ? Number(l) : "",
            rd.Lipschitz is not null ? "spec" : m.Lipschitz is not null ? "derived" : "none",
            b.Lipschitz is { } a ? Number(a) : "", b.SurrogateTestRiskBound is { } s ? Number(s) : "",
        ];
    }

    public static string ToCsv(SweepReport report) => Build(CurveHeader, report.RateDistortionCurves.Select(p => (IReadOnlyList<string>)
    [
        p.Series, Number(p.Lambda), Number(p.D), Number(p.FullTestError.Count),
        .. Quantities.SelectMany(q => q.Of(p) is { } i ? new[] { Number(i.Mean), Number(i.Low), Number(i.High) } : ["", "", ""]),
    ]));
}
