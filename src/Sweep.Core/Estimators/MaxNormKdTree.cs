using System.Runtime.CompilerServices;

namespace Sweep.Core.Estimators;

/// <summary>
/// A k-d tree under the max-norm (Chebyshev distance), with a bounding box per node: k-nearest-neighbour distances
/// of the tree's own points and strict range counts. Distances are computed exactly as <see cref="MaxNorm"/> computes
/// them, and pruning only skips points whose computed distance cannot pass the test, so the answers equal a brute-force
/// scan bit for bit.
/// </summary>
internal sealed class MaxNormKdTree
{
    private const int LeafSize = 8;

    private readonly int _dimension;
    private readonly double[] _points;
    private readonly int[] _originalIndex;
    private readonly Node[] _nodes;
    private readonly double[] _boxes;
    private int _nodeCount;

    public MaxNormKdTree(ReadOnlySpan<double> points, int dimension)
    {
        _dimension = dimension;
        var count = points.Length / dimension;
        _originalIndex = new int[count];
        for (var i = 0; i < count; i++)
        {
            _originalIndex[i] = i;
        }

        var capacity = 2 * (count / LeafSize + 1) * 2 + 1;
        _nodes = new Node[capacity];
        _boxes = new double[capacity * 2 * dimension];
        _points = points.ToArray();
        Build(0, count);
    }

    public int Count => _originalIndex.Length;

    /// <summary>The max-norm distance between two points, as every search here computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MaxNorm(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var distance = 0.0;
        for (var c = 0; c < a.Length; c++)
        {
            var d = Math.Abs(a[c] - b[c]);
            if (d > distance)
            {
                distance = d;
            }
        }

        return distance;
    }

    /// <summary>
    /// For every point of the tree, the max-norm distance to its <paramref name="k"/>-th nearest other point,
    /// indexed as the points were given.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] KthNeighbourDistances(int k)
    {
        var result = new double[Count];
        var best = new double[k];
        for (var p = 0; p < Count; p++)
        {
            Array.Fill(best, double.PositiveInfinity);
            Nearest(0, _points.AsSpan(p * _dimension, _dimension), p, best);
            result[_originalIndex[p]] = best[k - 1];
        }

        return result;
    }

    /// <summary>How many points of the tree lie at max-norm distance strictly less than <paramref name="radius"/> from <paramref name="query"/>.</summary>
    public int CountWithin(ReadOnlySpan<double> query, double radius) => CountWithin(0, query, radius);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Nearest(int nodeIndex, ReadOnlySpan<double> query, int self, double[] best)
    {
        var node = _nodes[nodeIndex];
        if (node.Left < 0)
        {
            for (var p = node.Start; p < node.End; p++)
            {
                if (p == self)
                {
                    continue;
                }

                var kth = best[^1];
                var point = _points.AsSpan(p * _dimension, _dimension);
                var distance = 0.0;
                for (var c = 0; c < _dimension && distance < kth; c++)
                {
                    var d = Math.Abs(query[c] - point[c]);
                    if (d > distance)
                    {
                        distance = d;
                    }
                }

                if (distance < kth)
                {
                    Insert(best, distance);
                }
            }

            return;
        }

        var leftBound = LowerBound(node.Left, query);
        var rightBound = LowerBound(node.Right, query);
        var (first, firstBound, second, secondBound) = leftBound <= rightBound
            ? (node.Left, leftBound, node.Right, rightBound)
            : (node.Right, rightBound, node.Left, leftBound);
        if (firstBound < best[^1])
        {
            Nearest(first, query, self, best);
        }

        if (secondBound < best[^1])
        {
            Nearest(second, query, self, best);
        }
    }

    /// <summary>Inserts <paramref name="distance"/> into the ascending <paramref name="best"/>, dropping its largest entry.</summary>
    public static void Insert(double[] best, double distance)
    {
        var i = best.Length - 1;
        while (i > 0 && best[i - 1] > distance)
        {
            best[i] = best[i - 1];
            i--;
        }

        best[i] = distance;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountWithin(int nodeIndex, ReadOnlySpan<double> query, double radius)
    {
        var node = _nodes[nodeIndex];
        var box = BoxOf(nodeIndex);
        double lower = 0, upper = 0;
        for (var c = 0; c < _dimension; c++)
        {
            var below = box[c] - query[c];
            var above = query[c] - box[_dimension + c];
            lower = Math.Max(lower, Math.Max(below, above));
            upper = Math.Max(upper, Math.Max(-below, -above));
        }

        if (lower >= radius)
        {
            return 0;
        }

        if (upper < radius)
        {
            return node.End - node.Start;
        }

        if (node.Left >= 0)
        {
            return CountWithin(node.Left, query, radius) + CountWithin(node.Right, query, radius);
        }

        var count = 0;
        for (var p = node.Start; p < node.End; p++)
        {
            if (MaxNorm(query, _points.AsSpan(p * _dimension, _dimension)) < radius)
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double LowerBound(int nodeIndex, ReadOnlySpan<double> query)
    {
        var box = BoxOf(nodeIndex);
        var lower = 0.0;
        for (var c = 0; c < _dimension; c++)
        {
            lower = Math.Max(lower, Math.Max(box[c] - query[c], query[c] - box[_dimension + c]));
        }

        return lower;
    }

    private ReadOnlySpan<double> BoxOf(int nodeIndex) => _boxes.AsSpan(nodeIndex * 2 * _dimension, 2 * _dimension);

    /// <summary>Builds the subtree over points [start, end), which it reorders in place; returns the node's index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Build(int start, int end)
    {
        var nodeIndex = _nodeCount++;
        _nodes[nodeIndex] = new Node(start, end, -1, -1);
        var boxStart = nodeIndex * 2 * _dimension;

        var widest = 0;
        var widestSpread = -1.0;
        for (var c = 0; c < _dimension; c++)
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (var p = start; p < end; p++)
            {
                var value = _points[p * _dimension + c];
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }

            _boxes[boxStart + c] = low;
            _boxes[boxStart + _dimension + c] = high;
            if (high - low > widestSpread)
            {
                (widest, widestSpread) = (c, high - low);
            }
        }

        if (end - start <= LeafSize || widestSpread <= 0)
        {
            return nodeIndex;
        }

        var middle = start + (end - start) / 2;
        Select(start, end - 1, middle, widest);
        var left = Build(start, middle);
        var right = Build(middle, end);
        _nodes[nodeIndex] = new Node(start, end, left, right);
        return nodeIndex;
    }

    /// <summary>Quickselect on coordinate <paramref name="axis"/>: puts the <paramref name="nth"/> smallest in place, smaller ones before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Select(int low, int high, int nth, int axis)
    {
        var points = _points;
        var dimension = _dimension;
        double Key(int p) => points[p * dimension + axis];
        while (low < high)
        {
            var pivot = Key(low + (high - low) / 2);
            int i = low, j = high;
            while (i <= j)
            {
                while (Key(i) < pivot)
                {
                    i++;
                }

                while (Key(j) > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    Swap(i, j);
                    i++;
                    j--;
                }
            }

            if (nth <= j)
            {
                high = j;
            }
            else if (nth >= i)
            {
                low = i;
            }
            else
            {
                return;
            }
        }
    }

    private void Swap(int i, int j)
    {
        (_originalIndex[i], _originalIndex[j]) = (_originalIndex[j], _originalIndex[i]);
        var a = _points.AsSpan(i * _dimension, _dimension);
        var b = _points.AsSpan(j * _dimension, _dimension);
        for (var c = 0; c < _dimension; c++)
        {
            (a[c], b[c]) = (b[c], a[c]);
        }
    }

    private readonly record struct Node(int Start, int End, int Left, int Right);
}
