using ScottPlot;
using ScottPlot.TickGenerators;
using Sweep.Core.Statistics;

namespace Sweep.Reporting;

/// <summary>
/// The bound curve: for each series, the quantization bound and the measured gap against d (log axis), each with
/// its 95% band over seeds, plus the test error and the test-error bound. A LoRA sweep's curve runs against the
/// rank r (log axis) with one series per mode: its bound, gap and test error. With a full-training baseline, its test
/// error is a dashed horizontal line with its band, and d_int90 a dotted vertical line.
/// </summary>
public static class BoundCurvePlot
{
    public const int Width = 1300;
    public const int Height = 640;

    public static Plot Build(SweepReport report)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var series = report.Curves.GroupBy(p => p.Series).ToList();
        var colorIndex = 0;
        var againstRank = report.Curves.Count > 0 && report.Curves[0].Axis == "r";
        foreach (var curve in series)
        {
            var points = curve.OrderBy(p => p.X).ToList();
            var xs = points.Select(p => Math.Log10(p.X)).ToArray();
            var suffix = series.Count > 1 || againstRank ? $" ({curve.Key})" : "";
            AddQuantity(plot, xs, points.Select(p => p.Bound).ToList(), palette.GetColor(colorIndex++), (againstRank ? "LoRA bound" : "quantization bound") + suffix, LinePattern.Solid);
            AddQuantity(plot, xs, points.Select(p => p.Gap).ToList(), palette.GetColor(colorIndex++), "measured gap (test − train error)" + suffix, LinePattern.Solid);
            var withMi = points.Where(p => p.MiTermEstimate is not null).ToList();
            if (withMi.Count > 0)
            {
                // An estimate, not a bound: dashed, and named so in the legend.
                AddQuantity(plot, withMi.Select(p => Math.Log10(p.X)).ToArray(), withMi.Select(p => p.MiTermEstimate!).ToList(), palette.GetColor(colorIndex++), MiBoundSummary.Label(report) + suffix, LinePattern.Dashed);
            }

            var withCmi = points.Where(p => p.CmiLossDifferenceBound is not null).ToList();
            if (withCmi.Count > 0)
            {
                var cmiXs = withCmi.Select(p => Math.Log10(p.X)).ToArray();
                AddQuantity(plot, cmiXs, withCmi.Select(p => p.CmiLossDifferenceBound!).ToList(), palette.GetColor(colorIndex++), CmiBoundSummary.LossDifferenceLabel(report) + suffix, LinePattern.Solid);
                AddQuantity(plot, cmiXs, withCmi.Select(p => p.CmiEvaluatedBound!).ToList(), palette.GetColor(colorIndex++), CmiBoundSummary.EvaluatedLabel(report) + suffix, LinePattern.Solid);
                AddQuantity(plot, cmiXs, withCmi.Select(p => p.SupersampleGap!).ToList(), palette.GetColor(colorIndex++), "supersample gap (held-out − training halves)" + suffix, LinePattern.Dotted);
            }

            AddQuantity(plot, xs, points.Select(p => p.TestError).ToList(), palette.GetColor(colorIndex++), "test error" + suffix, LinePattern.Solid);
            if (!againstRank)
            {
                // Three modes × four quantities would outrun the ten-colour palette; a LoRA plot keeps bound, gap and test error.
                AddQuantity(plot, xs, points.Select(p => p.TestErrorBound).ToList(), palette.GetColor(colorIndex++), "test-error bound (train error + bound)" + suffix, LinePattern.Solid);
            }
        }

        AddBaselines(plot, report, palette, ref colorIndex);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => Math.Pow(10, v).ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        };
        var swept = report.Curves.Select(p => p.X).Distinct().Order().ToArray();
        if (swept.Length is > 0 and <= 12)
        {
            // A grid has few values of d or r, often not powers of ten (d = 2, 4, 8 had no tick at all): tick exactly the swept ones.
            plot.Axes.Bottom.SetTicks(swept.Select(Math.Log10).ToArray(), swept.Select(x => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }

        plot.XLabel(againstRank ? "LoRA rank r (log scale), one series per mode" : "intrinsic dimension d (log scale)");
        plot.YLabel("0-1 error, bound (nats-based, σ = " + report.Sigma.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        plot.Title($"{report.Name}: bound vs gap, mean and 95% CI over seeds");
        plot.ShowLegend(Edge.Right); // outside the data: inside, it hid the test-error bound at small d
        return plot;
    }

    public static void Save(SweepReport report, string pngPath, string svgPath)
    {
        var plot = Build(report);
        plot.SavePng(pngPath, Width, Height);
        SvgExport.Save(plot, svgPath, Width, Height);
    }

    /// <summary>Each series' full-training test error as a horizontal line with its band, and its d_int90 as a vertical line.</summary>
    private static void AddBaselines(Plot plot, SweepReport report, ScottPlot.Palettes.Category10 palette, ref int colorIndex)
    {
        var dimensions = report.Curves.Where(p => p.Axis == "d").Select(p => p.X).ToList();
        if (dimensions.Count == 0)
        {
            return;
        }

        double[] xs = [Math.Log10(dimensions.Min()), Math.Log10(dimensions.Max())];
        var several = report.Baselines.Count > 1;
        foreach (var baseline in report.Baselines)
        {
            var suffix = several ? $" ({baseline.Series})" : "";
            var color = palette.GetColor(colorIndex++);
            AddQuantity(plot, xs, [baseline.TestError, baseline.TestError], color, $"full-training baseline test error (D = {baseline.ParameterCount:N0})" + suffix, LinePattern.Dashed);
            if (report.DInt90s.FirstOrDefault(x => x.Series == baseline.Series) is { Reached: true } dInt90)
            {
                var at = dInt90.Interpolated ?? dInt90.GridD!.Value;
                var line = plot.Add.VerticalLine(Math.Log10(at));
                line.Color = color;
                line.LinePattern = LinePattern.Dotted;
                line.LegendText = $"d_int90 ≈ {at:G3} (90% of baseline accuracy)" + suffix;
            }
        }
    }

    private static void AddQuantity(Plot plot, double[] xs, IReadOnlyList<MeanInterval> values, Color color, string label, LinePattern pattern)
    {
        if (values.Any(v => v.Count > 1))
        {
            var band = plot.Add.FillY(xs, values.Select(v => v.Low).ToArray(), values.Select(v => v.High).ToArray());
            band.FillColor = color.WithAlpha(0.18);
            band.LineWidth = 0;
        }

        var line = plot.Add.Scatter(xs, values.Select(v => v.Mean).ToArray());
        line.Color = color;
        line.LineWidth = 2;
        line.MarkerSize = 6;
        line.LinePattern = pattern;
        line.LegendText = label;
    }
}
