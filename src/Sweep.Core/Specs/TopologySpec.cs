using Sweep.Core.Topology;

namespace Sweep.Core.Specs;

/// <summary>Which trials pool their first-layer filters into one topology group.</summary>
public enum TopologyGroupBy
{
    /// <summary>The seeds of one grid point (one d, or the full-training baseline, and one value of every other axis).</summary>
    GridPoint,

    /// <summary>Every trial of the sweep.</summary>
    Sweep,
}

/// <summary>
/// The optional <c>topology:</c> block (DESIGN.md 1.5): every trial of the (CNN) sweep keeps its first-layer filters,
/// and per group an estimator pools them, keeps the densest <see cref="KeepPercent"/>% by the distance to the
/// <see cref="K"/>-th neighbour, subsamples <see cref="Landmarks"/> max-min landmarks and computes the Vietoris–Rips
/// barcodes in dimensions 0 and 1. <see cref="CirclePersistence"/> is the H₁ persistence above which a bar counts as a
/// circle. The circle count is an estimate of the topology of the filters' distribution from a finite sample.
/// </summary>
public sealed record TopologySpec(int K, double KeepPercent, int Landmarks, double CirclePersistence, TopologyGroupBy GroupBy)
{
    public const int DefaultK = 10;
    public const double DefaultKeepPercent = 30;
    public const int DefaultLandmarks = 200;
    public const double DefaultCirclePersistence = 0.5;

    /// <summary>A filter whose centred part is below this fraction of its norm is dropped as constant.</summary>
    public double MinContrast { get; init; } = FilterNormalization.DefaultMinContrast;

    public FilterTopologyOptions ToOptions() => new(K, KeepPercent / 100, Landmarks, MinContrast, CirclePersistence);

    public string Describe() => System.FormattableString.Invariant(
        $"Vietoris–Rips H0/H1 of the first-layer filters per {(GroupBy == TopologyGroupBy.Sweep ? "sweep" : "grid point")}: density core X(k={K}, p={KeepPercent}%), {Landmarks} max-min landmarks, circle = H1 bar with persistence > {CirclePersistence}");
}
