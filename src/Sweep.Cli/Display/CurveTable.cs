using Spectre.Console;
using Sweep.Core.Statistics;
using Sweep.Reporting;

namespace Sweep.Cli.Display;

/// <summary>
/// The bound curves as a terminal table: per series and d, mean ± 95% CI half-width over seeds. With a single series
/// its description goes in the caption, so the table fits an 80-column terminal.
/// </summary>
public static class CurveTable
{
    /// <summary>The curves, then a row per full-training baseline and its series' d_int90 in the caption.</summary>
    public static Table Build(SweepReport report)
    {
        var curves = report.Curves;
        var baselines = IntrinsicDimension90.Baselines(report.Results);
        var table = BuildCurves(report);
        if (baselines.Count == 0)
        {
            return table;
        }

        var several = curves.Select(p => p.Series).Concat(baselines.Select(b => b.Series)).Distinct().Count() > 1;
        var notes = new List<string>();
        foreach (var b in baselines)
        {
            var cells = new List<string>();
            if (several)
            {
                cells.Add(Markup.Escape(b.Series));
            }

            cells.AddRange(["[bold]full (D = " + b.ParameterCount.ToString("N0") + OwnRate(report, b) + ")[/]", b.TestError.Count.ToString(), Format(b.TrainError), Format(b.TestError), Format(b.Gap), "none", "none"]);
            while (cells.Count < table.Columns.Count)
            {
                cells.Add("-");
            }

            table.AddRow(cells.ToArray());
            var dInt90 = IntrinsicDimension90.Of(curves, [b]).FirstOrDefault();
            if (dInt90 is not null)
            {
                var value = dInt90.Reached ? $"d_int90 = {dInt90.Interpolated ?? dInt90.GridD:G4} ({dInt90.Note})" : $"d_int90 {dInt90.Note}";
                notes.Add((several ? b.Series + ": " : "") + value + $"; 90% of baseline accuracy {dInt90.BaselineAccuracy:F3} = {dInt90.Threshold:F3}");
            }
        }

        var series = curves.Select(p => p.Series).Distinct().ToList();
        var lines = (several || series.Count != 1 ? [] : new[] { series[0].Replace('\n', ' ') }).Concat(notes);
        table.Caption(string.Join("\n", lines.Select(Markup.Escape)));
        return table;
    }

    /// <summary>", lr 0.001" when the baseline trained at its own rate (projection.baseline_learning_rate), else nothing.</summary>
    private static string OwnRate(SweepReport report, BaselinePoint b)
    {
        var own = report.Results
            .Where(r => r.IsBaseline && BoundCurves.SeriesOf(r.Config) == b.Series && r.Config.EffectiveTraining.LearningRate != r.Config.Training.LearningRate)
            .Select(r => r.Config.EffectiveTraining.LearningRate)
            .Distinct()
            .ToList();
        return own.Count == 1 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", lr {own[0]:G4}") : "";
    }

    private static Table BuildCurves(SweepReport report)
    {
        var curves = report.Curves;
        var sigma = report.Sigma;
        var series = curves.Select(p => p.Series).Distinct().ToList();
        var several = series.Count > 1;
        var table = new Table()
            .Title($"bound curves · σ = {sigma} (0-1 loss) · mean ± 95% CI over seeds")
            .Border(TableBorder.Simple);
        if (several)
        {
            table.AddColumn(curves[0].Axis == "r" ? "mode" : "series");
        }

        table.AddColumns(curves.Count > 0 ? curves[0].Axis : "d", "seeds", "train err", "test err", "gap", "bound", "err bound");
        var withMi = curves.Any(p => p.MiTermEstimate is not null);
        if (withMi)
        {
            table.AddColumn("MI term (est.)");
        }

        var withCmi = curves.Any(p => p.CmiLossDifferenceBound is not null);
        if (withCmi)
        {
            table.AddColumns("ss gap", "ld-CMI bound", "e-CMI bound");
        }

        foreach (var p in curves)
        {
            var holds = p.Bound.Mean >= p.Gap.Mean;
            var cells = new List<string>();
            if (several)
            {
                cells.Add(Markup.Escape(p.Series));
            }

            cells.AddRange(
            [
                p.X.ToString("G"),
                p.TrainError.Count.ToString(),
                Format(p.TrainError),
                Format(p.TestError),
                Format(p.Gap),
                (holds ? "[green]" : "[red]") + Format(p.Bound) + "[/]",
                p.TestErrorBound.Mean < 1 ? Format(p.TestErrorBound) : "[yellow]" + Format(p.TestErrorBound) + " vacuous[/]",
            ]);
            if (withMi)
            {
                // An estimate: no green/red verdict, it certifies nothing.
                cells.Add(p.MiTermEstimate is { } mi ? Format(mi) : "-");
            }

            if (withCmi)
            {
                cells.Add(p.SupersampleGap is { } g ? Format(g) : "-");
                cells.Add(p.CmiLossDifferenceBound is { } ld ? (ld.Mean >= (p.SupersampleGap?.Mean ?? p.Gap.Mean) ? "[green]" : "[red]") + Format(ld) + "[/]" : "-");
                cells.Add(p.CmiEvaluatedBound is { } e ? Format(e) : "-");
            }

            table.AddRow(cells.ToArray());
        }

        if (!several && series.Count == 1)
        {
            table.Caption(Markup.Escape(series[0].Replace('\n', ' ')));
        }

        return table;
    }

    private static string Format(MeanInterval i) => i.Count > 1 ? $"{i.Mean:F3}±{i.High - i.Mean:F3}" : $"{i.Mean:F3}";
}
