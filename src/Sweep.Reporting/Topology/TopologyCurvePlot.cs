using System.Globalization;
using ScottPlot;
using Sweep.Core.Topology;

namespace Sweep.Reporting.Topology;

/// <summary>
/// The circle count (left axis) and the longest H₁ bar's persistence (right axis) of the subspace groups against d
/// (log scale), with the full-training group's values as horizontal lines.
/// </summary>
public static class TopologyCurvePlot
{
    public static Plot Build(IReadOnlyList<TopologyGroupEstimate> estimates, string sweepName)
    {
        var plot = new Plot();
        var subspace = estimates.Where(e => e.D > 0).OrderBy(e => e.D).ToList();
        if (subspace.Count > 0)
        {
            var xs = subspace.Select(e => Math.Log10(e.D)).ToArray();
            var circles = plot.Add.Scatter(xs, subspace.Select(e => (double)e.CircleCount).ToArray());
            circles.LegendText = "circle count (H1 bars above the threshold), subspace groups";
            circles.Color = Colors.Crimson;
            circles.MarkerShape = MarkerShape.FilledSquare;
            circles.MarkerSize = 9;
            var longest = plot.Add.Scatter(xs, subspace.Select(e => e.LongestH1Persistence).ToArray());
            longest.LegendText = "longest H1 bar's persistence (right axis), subspace groups";
            longest.Color = Colors.SteelBlue;
            longest.MarkerShape = MarkerShape.FilledCircle;
            longest.MarkerSize = 9;
            longest.Axes.YAxis = plot.Axes.Right;
            var dims = subspace.Select(e => e.D).Distinct().ToArray();
            plot.Axes.Bottom.SetTicks(dims.Select(d => Math.Log10(d)).ToArray(), dims.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray());
        }

        foreach (var baseline in estimates.Where(e => e.Projection == "none"))
        {
            var count = plot.Add.HorizontalLine(baseline.CircleCount);
            count.Color = Colors.Crimson.WithAlpha(0.5);
            count.LegendText = $"full training: {baseline.CircleCount} circle(s)";
            var bar = plot.Add.HorizontalLine(baseline.LongestH1Persistence);
            bar.Color = Colors.SteelBlue.WithAlpha(0.5);
            bar.Axes.YAxis = plot.Axes.Right;
            bar.LegendText = string.Create(CultureInfo.InvariantCulture, $"full training: longest H1 bar {baseline.LongestH1Persistence:F3}");
        }

        var threshold = estimates.Select(e => e.CirclePersistence).DefaultIfEmpty(0).Max();
        if (threshold > 0)
        {
            var cut = plot.Add.HorizontalLine(threshold);
            cut.Color = Colors.Orange;
            cut.Axes.YAxis = plot.Axes.Right;
            cut.LegendText = string.Create(CultureInfo.InvariantCulture, $"circle threshold: H1 persistence > {threshold:G3} (right axis)");
        }

        var counts = estimates.Select(e => (double)e.CircleCount).DefaultIfEmpty(0).Max();
        var bars = Math.Max(threshold, estimates.Select(e => e.LongestH1Persistence).DefaultIfEmpty(0).Max());
        plot.Axes.SetLimitsY(0, Math.Max(1, counts) + 0.5, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(0.1, bars) * 1.15, plot.Axes.Right);
        plot.XLabel("intrinsic dimension d (log scale)");
        plot.YLabel("circle count (an estimate from the landmark sample)");
        plot.Axes.Right.Label.Text = "longest H1 persistence";
        plot.Title($"{sweepName}: topology of the first-layer filters against d");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
