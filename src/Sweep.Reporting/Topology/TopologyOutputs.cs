using Sweep.Core.Topology;

namespace Sweep.Reporting.Topology;

/// <summary>
/// The <c>topology/</c> part of a results folder: summary.csv (the curve of circle count and longest H₁ bar
/// against d), per group its H₀ and H₁ barcodes (CSV), persistence diagram (PNG and SVG) and the picture of its
/// landmark filters ordered along the circle (PNG), and curve.png/svg when there are subspace groups.
/// </summary>
public static class TopologyOutputs
{
    public const string Folder = "topology";
    public const string SummaryFile = "summary.csv";

    public static IReadOnlyList<string> Write(SweepReport report, string resultsFolder, Func<string, string, Action<string>, string> writeAtomically)
    {
        var folder = Path.Combine(resultsFolder, Folder);
        Directory.CreateDirectory(folder);
        var kernel = report.Topology is null ? 0 : KernelOf(report);
        var written = new List<string> { writeAtomically(folder, SummaryFile, path => File.WriteAllText(path, TopologyTables.Summary(report.TopologyEstimates))) };
        foreach (var estimate in TopologyTables.Ordered(report.TopologyEstimates))
        {
            var stem = TopologyTables.Stem(estimate);
            written.Add(writeAtomically(folder, stem + "-h0.csv", path => File.WriteAllText(path, TopologyTables.Barcode(estimate.H0, 0))));
            written.Add(writeAtomically(folder, stem + "-h1.csv", path => File.WriteAllText(path, TopologyTables.Barcode(estimate.H1, 1))));
            var diagram = PersistenceDiagramPlot.Build(estimate, report.Name);
            written.Add(writeAtomically(folder, stem + "-diagram.png", path => diagram.SavePng(path, PersistenceDiagramPlot.Side, PersistenceDiagramPlot.Side)));
            written.Add(writeAtomically(folder, stem + "-diagram.svg", path => diagram.SaveSvg(path, PersistenceDiagramPlot.Side, PersistenceDiagramPlot.Side)));
            if (kernel > 0 && estimate.LandmarkFilters.Length > 0)
            {
                written.Add(writeAtomically(folder, stem + "-filters.png", path => FilterCircleImage.Write(path, estimate.LandmarkFilters, estimate.FilterDimension, kernel)));
            }
        }

        if (report.TopologyEstimates.Any(e => e.D > 0))
        {
            var curve = TopologyCurvePlot.Build(report.TopologyEstimates, report.Name);
            written.Add(writeAtomically(folder, "curve.png", path => curve.SavePng(path, BoundCurvePlot.Width, BoundCurvePlot.Height)));
            written.Add(writeAtomically(folder, "curve.svg", path => curve.SaveSvg(path, BoundCurvePlot.Width, BoundCurvePlot.Height)));
        }

        return written;
    }

    /// <summary>summary.json's topology section: what was computed, the caveat, and the per-group numbers; null without a topology block.</summary>
    public static object? Summary(SweepReport report) => report.Topology is not { } spec ? null : new
    {
        Method = spec.Describe(),
        Caveat = $"the circle count is an estimate of the topology of the filters' distribution from a finite sample: {spec.Landmarks} max-min landmarks of the densest {spec.KeepPercent}% (k = {spec.K}); a bar counts as a circle when its persistence exceeds {spec.CirclePersistence} (filters normalized to the unit sphere, distances ≤ 2). Another threshold, landmark count or density core can change it",
        Groups = TopologyTables.Ordered(report.TopologyEstimates).Select(e => new
        {
            e.GroupId,
            Group = e.Label,
            e.D,
            e.Projection,
            e.Series,
            e.Trainings,
            e.Filters,
            DenseCore = e.Dense,
            Landmarks = e.LandmarkCount,
            e.CircleCount,
            LongestH1 = e.LongestH1Birth is null ? null : new { Birth = e.LongestH1Birth, Death = e.LongestH1Death, Persistence = e.LongestH1Persistence },
            H1Bars = e.H1.Count,
        }),
        Failed = report.TopologyFailures,
    };

    private static int KernelOf(SweepReport report) =>
        report.Results.FirstOrDefault()?.Config.Model.Cnn?.Kernel ?? (int)Math.Round(Math.Sqrt(report.TopologyEstimates.FirstOrDefault()?.FilterDimension ?? 0));
}
