using System.Globalization;
using ScottPlot;
using Sweep.Core.Topology;

namespace Sweep.Reporting.Topology;

/// <summary>
/// A group's persistence diagram: every H₀ and H₁ bar as a point (birth, death), the diagonal, and the line
/// death = birth + threshold above which an H₁ bar counts as a circle. H₀'s essential bar (the one component that
/// never dies) sits on the top edge, at the filtration's largest value.
/// </summary>
public static class PersistenceDiagramPlot
{
    public const int Side = 640;

    public static Plot Build(TopologyGroupEstimate estimate, string sweepName)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var finite = estimate.H0.Concat(estimate.H1).Where(b => !b.IsEssential).Select(b => b.Death).DefaultIfEmpty(1).Max();
        var top = Math.Max(finite, estimate.H1.Select(b => b.Birth).DefaultIfEmpty(0).Max()) * 1.08;
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, top, top);
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "death = birth";
        var cut = plot.Add.Line(0, estimate.CirclePersistence, top - estimate.CirclePersistence, top);
        cut.Color = Colors.Orange;
        cut.LegendText = string.Create(CultureInfo.InvariantCulture, $"circle threshold: persistence > {estimate.CirclePersistence:G3}");
        Points(plot, estimate.H0, top, Colors.SteelBlue, MarkerShape.FilledCircle, $"H0 ({estimate.H0.Count} bars)");
        Points(plot, estimate.H1, top, Colors.Crimson, MarkerShape.FilledTriangleUp, $"H1 ({estimate.H1.Count} bars, {estimate.CircleCount} circle(s))");
        plot.Axes.SetLimits(0, top, 0, top * 1.02);
        plot.XLabel("birth (Euclidean distance between normalized filters)");
        plot.YLabel("death");
        plot.Title($"{sweepName}, {estimate.Label}: Rips persistence, {estimate.LandmarkCount} landmarks");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static void Points(Plot plot, IReadOnlyList<PersistenceInterval> bars, double top, Color color, MarkerShape shape, string label)
    {
        if (bars.Count == 0)
        {
            return;
        }

        var points = plot.Add.ScatterPoints(bars.Select(b => b.Birth).ToArray(), bars.Select(b => b.IsEssential ? top : b.Death).ToArray());
        points.Color = color;
        points.MarkerShape = shape;
        points.MarkerSize = 7;
        points.LegendText = label;
    }
}
