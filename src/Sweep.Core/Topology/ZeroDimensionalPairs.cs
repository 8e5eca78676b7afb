namespace Sweep.Core.Topology;

/// <summary>
/// H₀ by union-find over the edges in filtration order (Kruskal): an edge that joins two components kills one, at its
/// length. Every other edge closes a loop and becomes a column for H₁, unless it forms an apparent pair with a
/// triangle (then it would pair at zero persistence and need no reduction). Taking the joining edges out of H₁'s
/// columns is the clearing optimization for dimension 1: their cocycle columns would reduce to zero anyway.
/// </summary>
internal static class ZeroDimensionalPairs
{
    /// <summary>The H₀ bars and, when <paramref name="collectColumns"/>, H₁'s columns in reverse filtration order.</summary>
    public static (List<PersistenceInterval> Bars, FiltrationEntry[] Columns) Compute(RipsComplex complex, bool collectColumns)
    {
        var edges = Edges(complex);
        edges.AsSpan().Sort();

        var components = new UnionFind(complex.N);
        var bars = new List<PersistenceInterval>();
        var columns = new List<FiltrationEntry>();
        foreach (var edge in edges)
        {
            var (i, j) = complex.EdgeVertices(edge.Index);
            var (u, v) = (components.Find(i), components.Find(j));
            if (u != v)
            {
                components.Link(u, v);
                if (edge.Diameter != 0)
                {
                    bars.Add(new PersistenceInterval(0, edge.Diameter));
                }
            }
            else if (collectColumns && !complex.ZeroApparentCofacet(edge).Exists)
            {
                columns.Add(edge);
            }
        }

        for (var i = 0; i < complex.N; i++)
        {
            if (components.Find(i) == i)
            {
                bars.Add(new PersistenceInterval(0, double.PositiveInfinity));
            }
        }

        columns.Reverse();
        return (bars, columns.ToArray());
    }

    private static FiltrationEntry[] Edges(RipsComplex complex)
    {
        var n = complex.N;
        var threshold = complex.Threshold;
        var edges = new List<FiltrationEntry>(n * (n - 1) / 2);
        for (var i = 1; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var length = complex.Distance(i, j);
                if (length <= threshold)
                {
                    edges.Add(new FiltrationEntry(length, complex.EdgeIndex(i, j)));
                }
            }
        }

        return edges.ToArray();
    }
}
