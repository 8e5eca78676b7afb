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

    /// <summary>With MI estimates, the header gains the MI bound (mean and 95% CI over Θ groups) and the number of groups.</summary>
    public static IReadOnlyList<string> MiHeader { get; } = [.. Header, "mi_bound_mean", "mi_bound_ci_low", "mi_bound_ci_high", "mi_groups"];

    public static string ToCsv(SweepReport report) => report.HasMiBound
        ? Build(MiHeader, report.Curves.Select(p => (IReadOnlyList<string>)[.. Row(p), .. MiCells(p)]))
        : Build(Header, report.Curves.Select(Row).Concat(report.Baselines.Select(BaselineRow)));

    /// <summary>A baseline row: axis "baseline", x = D; the bound cells say why there is none.</summary>
    private static IReadOnlyList<string> BaselineRow(BaselinePoint b) =>
    [
        b.Series, "baseline", Number(b.ParameterCount), Number(b.TestError.Count),
        .. Cells(b.TrainError), .. Cells(b.TestError), .. Cells(b.Gap),
        Sweep.Core.Trials.TrialResult.NoBoundReason, "", "", "", "", "",
    ];

    private static string[] Cells(MeanInterval i) => [Number(i.Mean), Number(i.Low), Number(i.High)];

    private static IReadOnlyList<string> MiCells(CurvePoint p) => p.MiBound is { } mi
        ? [Number(mi.Mean), Number(mi.Low), Number(mi.High), Number(mi.Count)]
        : ["", "", "", "0"];

    private static IReadOnlyList<string> Row(CurvePoint p) =>
    [
        p.Series, p.Axis, Number(p.X), Number(p.TrainError.Count),
        .. Quantities.SelectMany(q => { var i = q.Of(p); return new[] { Number(i.Mean), Number(i.Low), Number(i.High) }; }),
    ];
}
