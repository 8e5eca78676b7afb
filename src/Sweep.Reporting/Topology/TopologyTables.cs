using Sweep.Core.Topology;

namespace Sweep.Reporting.Topology;

/// <summary>The topology CSVs: one summary row per group (also the curve against d), and each group's barcodes.</summary>
public static class TopologyTables
{
    public static readonly string[] SummaryHeader =
    [
        "group_id", "group", "d", "projection", "series", "trainings", "filters", "contrasted", "dense_core", "landmarks",
        "circle_persistence_threshold", "circle_count", "longest_h1_birth", "longest_h1_death", "longest_h1_persistence", "h1_bars",
    ];

    /// <summary>One row per group, full training first, then by d: the circle count and longest bar against d.</summary>
    public static string Summary(IEnumerable<TopologyGroupEstimate> estimates) =>
        CsvText.Build(SummaryHeader, Ordered(estimates).Select(e => (IReadOnlyList<string>)
        [
            e.GroupId, e.Label, CsvText.Number(e.D), e.Projection, e.Series, CsvText.Number(e.Trainings), CsvText.Number(e.Filters),
            CsvText.Number(e.Contrasted), CsvText.Number(e.Dense), CsvText.Number(e.LandmarkCount), CsvText.Number(e.CirclePersistence),
            CsvText.Number(e.CircleCount), e.LongestH1Birth is { } b ? CsvText.Number(b) : "", e.LongestH1Death is { } d ? CsvText.Number(d) : "",
            CsvText.Number(e.LongestH1Persistence), CsvText.Number(e.H1.Count),
        ]));

    /// <summary>The bars of one dimension: birth, death ("inf" for an essential class) and persistence.</summary>
    public static string Barcode(IReadOnlyList<PersistenceInterval> bars, int dimension) =>
        CsvText.Build(["dimension", "birth", "death", "persistence"], bars.Select(b => (IReadOnlyList<string>)
        [
            CsvText.Number(dimension), CsvText.Number(b.Birth), b.IsEssential ? "inf" : CsvText.Number(b.Death), b.IsEssential ? "inf" : CsvText.Number(b.Persistence),
        ]));

    public static IEnumerable<TopologyGroupEstimate> Ordered(IEnumerable<TopologyGroupEstimate> estimates) =>
        estimates.OrderBy(e => e.Projection == "none" ? 0 : 1).ThenBy(e => e.D).ThenBy(e => e.Series, StringComparer.Ordinal).ThenBy(e => e.GroupId, StringComparer.Ordinal);

    /// <summary>A group's file-name stem: "full-training", "d-40", or "sweep", then its id (unique when other axes are swept).</summary>
    public static string Stem(TopologyGroupEstimate e) =>
        (e.D < 0 ? "sweep" : e.Projection == "none" ? "full-training" : $"d-{e.D}") + "_" + e.GroupId;
}
