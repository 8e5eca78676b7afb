using System.Globalization;
using ScottPlot;
using Sweep.Core.Statistics;

namespace Sweep.Reporting;

/// <summary>
/// The two rate-distortion plots of a regularized sweep, mean and 95% band over seeds: against λ (one colour per d)
/// and against d on a log axis (one colour per λ). Marker shapes tell the quantities apart: test error of the full
/// network θ (circle), of the compressed θ̃ (square), θ̃'s test-error bound (triangle), and θ's rate-distortion
/// test-error bound (diamond, 0-1 loss by disagreement). λ = 0 sits one decade left of the smallest positive λ.
/// The distortion ‖θ − θ̃‖ (crosses) runs on the right axis. (Solid lines only: Skia's SVG backend cannot draw dash patterns.)
/// </summary>
public static class RateDistortionPlot
{
    public static Plot AgainstLambda(SweepReport report)
    {
        var points = report.RateDistortionCurves;
        var positive = points.Select(p => p.Lambda).Where(l => l > 0).DefaultIfEmpty(1).Min();
        double X(RateDistortionPoint p) => p.Lambda > 0 ? Math.Log10(p.Lambda) : Math.Log10(positive) - 1;
        var plot = Build(points, X, p => $"d={p.D}");
        var lambdas = points.Select(p => p.Lambda).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(lambdas.Select(l => X(points.First(p => p.Lambda == l))).ToArray(), lambdas.Select(Format).ToArray());
        plot.XLabel("penalty weight λ (log scale; λ = 0 is plain training of all weights), one colour per d");
        plot.Title($"{report.Name}: rate-distortion against λ, mean and 95% CI over seeds");
        return plot;
    }

    public static Plot AgainstDimension(SweepReport report)
    {
        var points = report.RateDistortionCurves;
        var plot = Build(points, p => Math.Log10(p.D), p => $"λ={Format(p.Lambda)}");
        var dims = points.Select(p => p.D).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(dims.Select(d => Math.Log10(d)).ToArray(), dims.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel("intrinsic dimension d of the compression subspace (log scale), one colour per λ");
        plot.Title($"{report.Name}: rate-distortion against d, mean and 95% CI over seeds");
        return plot;
    }

    private static Plot Build(IReadOnlyList<RateDistortionPoint> points, Func<RateDistortionPoint, double> x, Func<RateDistortionPoint, string> seriesOf)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var colour = 0;
        foreach (var series in points.GroupBy(seriesOf))
        {
            var ordered = series.OrderBy(x).ToList();
            var xs = ordered.Select(x).ToArray();
            var color = palette.GetColor(colour++);
            Add(plot, xs, ordered.Select(p => p.FullTestError).ToList(), color, MarkerShape.FilledCircle, $"test error, full network θ ({series.Key})");
            Add(plot, xs, ordered.Select(p => p.CompressedTestError).ToList(), color, MarkerShape.FilledSquare, $"test error, compressed θc ({series.Key})");
            Add(plot, xs, ordered.Select(p => p.CompressedTestErrorBound).ToList(), color, MarkerShape.FilledTriangleUp, $"test-error bound, compressed θc ({series.Key})");
            Add(plot, xs, ordered.Select(p => p.FullTestErrorBound).ToList(), color, MarkerShape.FilledDiamond, $"rate-distortion test-error bound, full θ ({series.Key})");
            Add(plot, xs, ordered.Select(p => p.Distortion).ToList(), color.WithAlpha(0.55), MarkerShape.Cross, $"distortion ‖θ − θc‖, right axis ({series.Key})", plot.Axes.Right);
        }

        plot.YLabel("0-1 error and bounds (σ = 1/2, information in nats)");
        plot.Axes.Right.Label.Text = "distortion ‖θ − θc‖, θc = compressed θ";
        plot.ShowLegend(Edge.Bottom); // outside the data: inside, it covered the bands; θc, not θ̃: the font drops the combining tilde
        return plot;
    }

    private static void Add(Plot plot, double[] xs, IReadOnlyList<MeanInterval> values, Color color, MarkerShape marker, string label, IYAxis? yAxis = null)
    {
        if (values.Any(v => v.Count > 1))
        {
            var band = plot.Add.FillY(xs, values.Select(v => v.Low).ToArray(), values.Select(v => v.High).ToArray());
            band.FillColor = color.WithAlpha(0.12);
            band.LineWidth = 0;
            if (yAxis is not null)
            {
                band.Axes.YAxis = yAxis;
            }
        }

        var line = plot.Add.Scatter(xs, values.Select(v => v.Mean).ToArray());
        if (yAxis is not null)
        {
            line.Axes.YAxis = yAxis;
        }

        line.Color = color;
        line.LineWidth = 2;
        line.MarkerSize = 9;
        line.MarkerShape = marker;
        line.LegendText = label;
    }

    private static string Format(double lambda) => lambda.ToString("G4", CultureInfo.InvariantCulture);
}
