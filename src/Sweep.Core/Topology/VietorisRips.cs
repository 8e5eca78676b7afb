using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// Persistent homology of Vietoris–Rips filtrations in dimensions 0 and 1 over Z/2, on Ripser's algorithm (Bauer,
/// "Ripser: efficient computation of Vietoris–Rips persistence barcodes", J. Appl. Comput. Topol. 2021): simplices
/// implicit in the combinatorial number system, H₀ by union-find, H₁ by cohomology with clearing, apparent and
/// emergent pairs, and the enclosing radius as the default threshold. Bars of zero length are left out.
/// </summary>
public static class VietorisRips
{
    public static PersistenceBarcodes Compute(DistanceMatrix distances, RipsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(distances);
        options ??= RipsOptions.Default;
        options.Validate();

        var radius = distances.EnclosingRadius();
        var threshold = options.Threshold is { } t ? Math.Min(t, radius) : radius;
        var complex = new RipsComplex(distances, threshold);
        var (h0, columns) = ZeroDimensionalPairs.Compute(complex, collectColumns: options.MaxDimension >= 1);
        var h1 = options.MaxDimension >= 1 ? new OneDimensionalCohomology(complex).Compute(columns) : [];
        return new PersistenceBarcodes(distances.Count, options.MaxDimension, threshold, Sorted(h0), Sorted(h1));
    }

    /// <summary>The barcodes of the Euclidean distances between the rows of <paramref name="points"/>.</summary>
    public static PersistenceBarcodes Compute(SampleMatrix points, RipsOptions? options = null) =>
        Compute(DistanceMatrix.FromPoints(points), options);

    private static PersistenceInterval[] Sorted(List<PersistenceInterval> bars)
    {
        var sorted = bars.ToArray();
        Array.Sort(sorted, (a, b) => a.Birth != b.Birth ? a.Birth.CompareTo(b.Birth) : a.Death.CompareTo(b.Death));
        return sorted;
    }
}
