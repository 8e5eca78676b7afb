using Sweep.Core.Statistics;
using static Sweep.Reporting.CsvText;

namespace Sweep.Reporting;

/// <summary>
/// <c>curves.csv</c>: per series and d, the mean and 95% Student-t interval over seeds of each quantity; then one
/// row per series for the full-training baseline, if the sweep has one.
/// </summary>
public static class CurvesTable
{
    private static readonly (string Name, Func<CurvePoint, MeanInterval> Of)[] Quantities =
    [
        ("train_error", p => p.TrainError),
        ("test_error", p => p.TestError),
        ("gap", p => p.Gap),
        ("bound", p => p.Bound),
        ("test_error_bound", p => p.TestErrorBound),
    ];

    public static IReadOnlyList<string> Header { get; } =
        ["series", "axis", "x", "seeds", .. Quantities.SelectMany(q => new[] { q.Name + "_mean", q.Name + "_ci_low", q.Name + "_ci_high" })];

    /// <summary>
    /// With individual-sample estimates, the header gains the <i>estimated</i> MI term (mean and 95% CI over the Θ
    /// groups), the number of groups and the fraction of positions the permutation null cannot tell apart.
    /// </summary>
    public static IReadOnlyList<string> MiHeader { get; } =
        [.. Header, "mi_term_estimate_mean", "mi_term_estimate_ci_low", "mi_term_estimate_ci_high", "mi_groups", "mi_null_indistinguishable_fraction"];

    /// <summary>
    /// With supersample estimates: the two CMI bounds (upper confidence; mean and 95% CI over groups), the plug-in
    /// loss-difference term, the measured supersample gap of the same trainings, the groups and those whose plug-in
    /// term the null cannot tell apart.
    /// </summary>
    public static IReadOnlyList<string> CmiHeader { get; } =
    [
        .. Header,
        .. Triple("cmi_ld_bound"), .. Triple("cmi_e_bound"), .. Triple("cmi_ld_plugin_estimate"), .. Triple("supersample_gap"),
        "cmi_groups", "cmi_null_indistinguishable_groups",
    ];

    public static string ToCsv(SweepReport report) =>
        report.HasCmiBound ? Build(CmiHeader, report.Curves.Select(p => (IReadOnlyList<string>)[.. Row(p), .. CmiCells(p)]))
        : report.HasMiBound ? Build(MiHeader, report.Curves.Select(p => (IReadOnlyList<string>)[.. Row(p), .. MiCells(p)]))
        : Build(Header, report.Curves.Select(Row).Concat(report.Baselines.Select(BaselineRow)));

    /// <summary>A baseline row: axis "baseline", x = D; the bound cells say why there is none.</summary>
    private static IReadOnlyList<string> BaselineRow(BaselinePoint b) =>
    [
        b.Series, "baseline", Number(b.ParameterCount), Number(b.TestError.Count),
        .. Cells(b.TrainError), .. Cells(b.TestError), .. Cells(b.Gap),
        Sweep.Core.Trials.TrialResult.NoBoundReason, "", "", "", "", "",
    ];

    private static string[] Triple(string name) => [name + "_mean", name + "_ci_low", name + "_ci_high"];

    private static IReadOnlyList<string> MiCells(CurvePoint p) => p.MiTermEstimate is { } mi
        ? [Number(mi.Mean), Number(mi.Low), Number(mi.High), Number(mi.Count), p.MiNullIndistinguishableFraction is { } f ? Number(f) : ""]
        : ["", "", "", "0", ""];

    private static IReadOnlyList<string> CmiCells(CurvePoint p) => p.CmiLossDifferenceBound is { } ld
        ?
        [
            .. Cells(ld), .. Cells(p.CmiEvaluatedBound!), .. Cells(p.CmiLossDifferencePlugIn!), .. Cells(p.SupersampleGap!),
            Number(ld.Count), Number(p.CmiNullIndistinguishableGroups ?? 0),
        ]
        : [.. Enumerable.Repeat("", 12), "0", ""];

    private static string[] Cells(MeanInterval i) => [Number(i.Mean), Number(i.Low), Number(i.High)];

    private static IReadOnlyList<string> Row(CurvePoint p) =>
    [
        p.Series, p.Axis, Number(p.X), Number(p.TrainError.Count),
        .. Quantities.SelectMany(q => { var i = q.Of(p); return new[] { Number(i.Mean), Number(i.Low), Number(i.High) }; }),
    ];
}
