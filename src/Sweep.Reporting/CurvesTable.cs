using Sweep.Core.Statistics;
using static Sweep.Reporting.CsvText;

namespace Sweep.Reporting;

/// <summary><c>curves.csv</c>: per series and d, the mean and 95% Student-t interval over seeds of each quantity.</summary>
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

    public static string ToCsv(SweepReport report) => Build(Header, report.Curves.Select(Row));

    private static IReadOnlyList<string> Row(CurvePoint p) =>
    [
        p.Series, p.Axis, Number(p.X), Number(p.TrainError.Count),
        .. Quantities.SelectMany(q => { var i = q.Of(p); return new[] { Number(i.Mean), Number(i.Low), Number(i.High) }; }),
    ];
}
