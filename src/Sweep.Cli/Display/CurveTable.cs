using Spectre.Console;
using Sweep.Core.Statistics;

namespace Sweep.Cli.Display;

/// <summary>The bound curves as a terminal table: per series and d, mean ± 95% CI half-width over seeds.</summary>
public static class CurveTable
{
    public static Table Build(IReadOnlyList<CurvePoint> curves, double sigma)
    {
        var table = new Table().Title($"bound curves (σ = {sigma}, bound in nats-based units of the 0-1 loss; mean ± 95% CI)")
            .AddColumns("series", "d", "seeds", "train error", "test error", "gap", "bound", "test-error bound");
        foreach (var p in curves)
        {
            var holds = p.Bound.Mean >= p.Gap.Mean;
            table.AddRow(
                Markup.Escape(p.Series),
                p.X.ToString("G"),
                p.TrainError.Count.ToString(),
                Format(p.TrainError),
                Format(p.TestError),
                Format(p.Gap),
                (holds ? "[green]" : "[red]") + Format(p.Bound) + "[/]",
                (p.TestErrorBound.Mean < 1 ? "" : "[yellow]") + Format(p.TestErrorBound) + (p.TestErrorBound.Mean < 1 ? "" : " (vacuous)[/]"));
        }

        return table;
    }

    private static string Format(MeanInterval i) => i.Count > 1 ? $"{i.Mean:F4} ± {(i.High - i.Mean):F4}" : $"{i.Mean:F4}";
}
