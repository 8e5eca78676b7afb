namespace Sweep.Core.Topology;

/// <summary>
/// H₁ by reducing the coboundary matrix of the edges (persistent cohomology, which gives the same barcode as homology
/// and is far cheaper for Rips complexes; de Silva, Morozov and Vejdemo-Johansson 2011, Bauer 2021 §2.3). Columns are
/// taken in reverse filtration order; each one's coboundary is enumerated on the fly into a heap, and only the
/// reduction matrix V (which edges were added) is stored, never the reduced coboundaries. Two shortcuts from Ripser:
/// an emergent pair (the column's earliest cofacet has the edge's diameter and is nobody's pivot yet) needs no heap
/// at all, and a pivot that forms an apparent pair with a skipped edge is eliminated by adding that edge's coboundary.
/// </summary>
internal sealed class OneDimensionalCohomology(RipsComplex complex)
{
    private readonly Dictionary<long, int> _pivotColumn = new();
    private readonly FiltrationHeap _coboundary = new();
    private readonly FiltrationHeap _reduction = new();
    private readonly List<FiltrationEntry> _addedEdges = new();
    private readonly List<int> _columnStart = new();

    public List<PersistenceInterval> Compute(FiltrationEntry[] columns)
    {
        var bars = new List<PersistenceInterval>();
        _pivotColumn.EnsureCapacity(columns.Length);
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            _columnStart.Add(_addedEdges.Count);
            _coboundary.Clear();
            _reduction.Clear();
            var pivot = InitialPivot(column);
            while (true)
            {
                if (!pivot.Exists)
                {
                    bars.Add(new PersistenceInterval(column.Diameter, double.PositiveInfinity));
                    break;
                }

                if (_pivotColumn.TryGetValue(pivot.Index, out var other))
                {
                    AddColumn(columns, other);
                    pivot = _coboundary.Pivot();
                    continue;
                }

                var apparent = complex.ZeroApparentFacet(pivot);
                if (apparent.Exists)
                {
                    AddEdge(apparent);
                    pivot = _coboundary.Pivot();
                    continue;
                }

                if (pivot.Diameter > column.Diameter)
                {
                    bars.Add(new PersistenceInterval(column.Diameter, pivot.Diameter));
                }

                _pivotColumn.Add(pivot.Index, c);
                KeepReduction();
                break;
            }
        }

        return bars;
    }

    /// <summary>
    /// Pushes the column's coboundary and returns its pivot, or returns at once the first cofacet of the edge's own
    /// diameter when it is an emergent pair: nobody's pivot and in no apparent pair with another edge.
    /// </summary>
    private FiltrationEntry InitialPivot(in FiltrationEntry column)
    {
        var zero = complex.ZeroPivotCofacet(column);
        if (zero.Exists && !_pivotColumn.ContainsKey(zero.Index) && !complex.ZeroApparentFacet(zero).Exists)
        {
            return zero;
        }

        complex.PushCofacets(column, _coboundary);
        return _coboundary.Pivot();
    }

    private void AddColumn(FiltrationEntry[] columns, int column)
    {
        AddEdge(columns[column]);
        var end = column + 1 < _columnStart.Count ? _columnStart[column + 1] : _addedEdges.Count;
        for (var e = _columnStart[column]; e < end; e++)
        {
            AddEdge(_addedEdges[e]);
        }
    }

    private void AddEdge(in FiltrationEntry edge)
    {
        _reduction.Push(edge);
        complex.PushCofacets(edge, _coboundary);
    }

    /// <summary>Stores the edges that survive Z/2 cancellation in the current column's V.</summary>
    private void KeepReduction()
    {
        while (true)
        {
            var edge = _reduction.PopPivot();
            if (!edge.Exists)
            {
                return;
            }

            _addedEdges.Add(edge);
        }
    }
}
