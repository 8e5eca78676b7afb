using ScottPlot;

namespace Sweep.Reporting;

/// <summary>
/// Saves a plot as SVG. Skia's SVG canvas has no dash path effect: a dashed or dotted line made it print
/// "Unsupported path effect in addPaint." on the console (from native code) for every such line, and draw it solid
/// anyway. So the SVG is drawn with solid lines on purpose (the legend's colours and markers tell the lines apart),
/// and the patterns are put back for the PNG.
/// </summary>
public static class SvgExport
{
    public static void Save(Plot plot, string path, int width, int height)
    {
        var patterned = new List<(object Line, LinePattern Pattern)>();
        foreach (var plottable in plot.GetPlottables())
        {
            switch (plottable)
            {
                case ScottPlot.Plottables.Scatter s when s.LinePattern.Name != LinePattern.Solid.Name:
                    patterned.Add((s, s.LinePattern));
                    s.LinePattern = LinePattern.Solid;
                    break;
                case ScottPlot.Plottables.AxisLine a when a.LinePattern.Name != LinePattern.Solid.Name:
                    patterned.Add((a, a.LinePattern));
                    a.LinePattern = LinePattern.Solid;
                    break;
            }
        }

        try
        {
            plot.SaveSvg(path, width, height);
        }
        finally
        {
            foreach (var (line, pattern) in patterned)
            {
                if (line is ScottPlot.Plottables.Scatter s)
                {
                    s.LinePattern = pattern;
                }
                else
                {
                    ((ScottPlot.Plottables.AxisLine)line).LinePattern = pattern;
                }
            }
        }
    }
}
