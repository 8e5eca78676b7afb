namespace Sweep.Core.Topology;

/// <summary>
/// The Vietoris–Rips complex of a distance matrix up to a threshold, with its edges and triangles never stored:
/// simplices are named by their index in the combinatorial number system and their cofacets and facets are
/// enumerated from the vertices on demand (Bauer 2021, §3). Enumeration runs in decreasing index order, so among
/// cofacets of equal diameter the first one met is the earliest in the filtration.
/// </summary>
internal sealed class RipsComplex
{
    private readonly double[] _d;
    private readonly long[] _choose2;
    private readonly long[] _choose3;

    public RipsComplex(DistanceMatrix distances, double threshold)
    {
        _d = distances.Values;
        N = distances.Count;
        Threshold = threshold;
        _choose2 = new long[N + 1];
        _choose3 = new long[N + 1];
        for (long k = 0; k <= N; k++)
        {
            _choose2[k] = k * (k - 1) / 2;
            _choose3[k] = k * (k - 1) * (k - 2) / 6;
        }
    }

    public int N { get; }

    public double Threshold { get; }

    public double Distance(int i, int j) => _d[i * N + j];

    public long EdgeIndex(int i, int j) => i > j ? _choose2[i] + j : _choose2[j] + i;

    /// <summary>The vertices (i &gt; j) of edge C(i, 2) + j.</summary>
    public (int I, int J) EdgeVertices(long index)
    {
        var i = (int)((1 + Math.Sqrt(1 + 8.0 * index)) / 2);
        while (i > 1 && _choose2[i] > index)
        {
            i--;
        }

        while (i + 1 < N && _choose2[i + 1] <= index)
        {
            i++;
        }

        return (i, (int)(index - _choose2[i]));
    }

    /// <summary>The vertices (a &gt; b &gt; c) of triangle C(a, 3) + C(b, 2) + c.</summary>
    public (int A, int B, int C) TriangleVertices(long index)
    {
        var a = Math.Min(N - 1, (int)Math.Cbrt(6.0 * index) + 1);
        while (a > 2 && _choose3[a] > index)
        {
            a--;
        }

        while (a + 1 < N && _choose3[a + 1] <= index)
        {
            a++;
        }

        var (b, c) = EdgeVertices(index - _choose3[a]);
        return (a, b, c);
    }

    /// <summary>Every cofacet (triangle) of <paramref name="edge"/> within the threshold, pushed onto <paramref name="heap"/>.</summary>
    public void PushCofacets(in FiltrationEntry edge, FiltrationHeap heap)
    {
        var (i, j) = EdgeVertices(edge.Index);
        var d = _d;
        var n = N;
        var rowI = i * n;
        var rowJ = j * n;
        var length = edge.Diameter;
        var threshold = Threshold;
        var c2 = _choose2;
        var c3 = _choose3;

        var above = c2[i] + j;
        for (var k = n - 1; k > i; k--)
        {
            var diameter = Math.Max(length, Math.Max(d[rowI + k], d[rowJ + k]));
            if (diameter <= threshold)
            {
                heap.Push(new FiltrationEntry(diameter, c3[k] + above));
            }
        }

        var between = c3[i] + j;
        for (var k = i - 1; k > j; k--)
        {
            var diameter = Math.Max(length, Math.Max(d[rowI + k], d[rowJ + k]));
            if (diameter <= threshold)
            {
                heap.Push(new FiltrationEntry(diameter, between + c2[k]));
            }
        }

        var below = c3[i] + c2[j];
        for (var k = j - 1; k >= 0; k--)
        {
            var diameter = Math.Max(length, Math.Max(d[rowI + k], d[rowJ + k]));
            if (diameter <= threshold)
            {
                heap.Push(new FiltrationEntry(diameter, below + k));
            }
        }
    }

    /// <summary>
    /// The earliest cofacet of <paramref name="edge"/> when it has the edge's own diameter (a zero-persistence pivot),
    /// else <see cref="FiltrationEntry.None"/>: the first triangle {i, j, k}, in decreasing index, whose two other edges
    /// are no longer than the edge.
    /// </summary>
    public FiltrationEntry ZeroPivotCofacet(in FiltrationEntry edge)
    {
        var (i, j) = EdgeVertices(edge.Index);
        var k = FirstZeroApex(i, j, edge.Diameter);
        if (k < 0)
        {
            return FiltrationEntry.None;
        }

        var index = k > i ? _choose3[k] + _choose2[i] + j
            : k > j ? _choose3[i] + _choose2[k] + j
            : _choose3[i] + _choose2[j] + k;
        return new FiltrationEntry(edge.Diameter, index);
    }

    /// <summary>
    /// The latest facet of <paramref name="triangle"/> when it has the triangle's diameter, else
    /// <see cref="FiltrationEntry.None"/>: of the facets in increasing index ({b, c}, {a, c}, {a, b}), the first whose
    /// length is the diameter.
    /// </summary>
    public FiltrationEntry ZeroPivotFacet(in FiltrationEntry triangle)
    {
        var (a, b, c) = TriangleVertices(triangle.Index);
        var diameter = triangle.Diameter;
        if (Distance(b, c) == diameter)
        {
            return new FiltrationEntry(diameter, _choose2[b] + c);
        }

        if (Distance(a, c) == diameter)
        {
            return new FiltrationEntry(diameter, _choose2[a] + c);
        }

        return Distance(a, b) == diameter ? new FiltrationEntry(diameter, _choose2[a] + b) : FiltrationEntry.None;
    }

    /// <summary>The triangle that forms an apparent pair with <paramref name="edge"/> (zero persistence), or none.</summary>
    public FiltrationEntry ZeroApparentCofacet(in FiltrationEntry edge)
    {
        var cofacet = ZeroPivotCofacet(edge);
        return cofacet.Exists && ZeroPivotFacet(cofacet).Index == edge.Index ? cofacet : FiltrationEntry.None;
    }

    /// <summary>The edge that forms an apparent pair with <paramref name="triangle"/> (zero persistence), or none.</summary>
    public FiltrationEntry ZeroApparentFacet(in FiltrationEntry triangle)
    {
        var facet = ZeroPivotFacet(triangle);
        return facet.Exists && ZeroPivotCofacet(facet).Index == triangle.Index ? facet : FiltrationEntry.None;
    }

    /// <summary>The largest k ∉ {i, j} with d(i, k) ≤ length and d(j, k) ≤ length; -1 when there is none.</summary>
    private int FirstZeroApex(int i, int j, double length)
    {
        var d = _d;
        var rowI = i * N;
        var rowJ = j * N;
        for (var k = N - 1; k >= 0; k--)
        {
            if (d[rowI + k] <= length && d[rowJ + k] <= length && k != i && k != j)
            {
                return k;
            }
        }

        return -1;
    }
}
