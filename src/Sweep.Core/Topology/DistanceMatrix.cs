using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// A finite metric-like space for Vietoris–Rips filtrations: <see cref="Count"/> points and the distances between
/// them, stored as a full symmetric row-major matrix (so the distances from one point are one contiguous row, which
/// is what coboundary enumeration reads). Every distance is finite and non-negative and the diagonal is zero.
/// </summary>
public sealed class DistanceMatrix
{
    /// <summary>How far d(i, j) and d(j, i) may differ, relative to max(1, |d|), before a matrix counts as asymmetric.</summary>
    public const double SymmetryTolerance = 1e-9;

    private readonly double[] _values;

    private DistanceMatrix(double[] values, int count)
    {
        _values = values;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The row-major entries, for the filtration code that reads rows without bounds-checked spans.</summary>
    internal double[] Values => _values;

    public double this[int i, int j] => _values[i * Count + j];

    /// <summary>The distances from point <paramref name="i"/> to every point.</summary>
    public ReadOnlySpan<double> Row(int i) => _values.AsSpan(i * Count, Count);

    /// <summary>The Euclidean distances between the rows of <paramref name="points"/>.</summary>
    public static DistanceMatrix FromPoints(SampleMatrix points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var values = new double[checked(n * n)];
        for (var i = 0; i < n; i++)
        {
            var a = points.Row(i);
            for (var j = 0; j < i; j++)
            {
                var b = points.Row(j);
                var sum = 0.0;
                for (var c = 0; c < a.Length; c++)
                {
                    var diff = a[c] - b[c];
                    sum += diff * diff;
                }

                values[i * n + j] = values[j * n + i] = Math.Sqrt(sum);
            }
        }

        return new DistanceMatrix(values, n);
    }

    /// <summary>The Euclidean distances between points given as rows.</summary>
    public static DistanceMatrix FromPoints(IReadOnlyList<double[]> points) => FromPoints(SampleMatrix.FromRows(points, "points"));

    /// <summary>
    /// A matrix from its <c>count × count</c> row-major entries (copied). The lower triangle is used; the upper must
    /// agree with it to <see cref="SymmetryTolerance"/>. Throws <see cref="ArgumentException"/> naming the first bad
    /// entry (see <see cref="FindProblem"/>).
    /// </summary>
    public static DistanceMatrix FromSquare(ReadOnlySpan<double> values, int count)
    {
        if (FindProblem(values, count) is { } problem)
        {
            throw new ArgumentException(problem.Row < 0 ? problem.Message : $"Entry ({problem.Row}, {problem.Column}) (zero-based): {problem.Message}", nameof(values));
        }

        var copy = new double[count * count];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                copy[i * count + j] = copy[j * count + i] = values[i * count + j];
            }
        }

        return new DistanceMatrix(copy, count);
    }

    /// <summary>A matrix from rows of equal length (the number of rows).</summary>
    public static DistanceMatrix FromSquare(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != values.GetLength(1))
        {
            throw new ArgumentException($"A distance matrix must be square, not {values.GetLength(0)} × {values.GetLength(1)}.", nameof(values));
        }

        var n = values.GetLength(0);
        var flat = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                flat[i * n + j] = values[i, j];
            }
        }

        return FromSquare(flat, n);
    }

    /// <summary>
    /// The first entry that keeps <paramref name="values"/> from being a distance matrix, scanning row by row: a
    /// wrong size, a NaN or infinite or negative entry, a non-zero diagonal, or d(i, j) ≠ d(j, i). Row and column are
    /// zero-based, and -1 when the problem is the whole matrix. Null when the matrix is good.
    /// </summary>
    public static MatrixProblem? FindProblem(ReadOnlySpan<double> values, int count)
    {
        if (count <= 0)
        {
            return new MatrixProblem(-1, -1, "A distance matrix needs at least one point.");
        }

        if (values.Length != (long)count * count)
        {
            return new MatrixProblem(-1, -1, $"A distance matrix of {count} points needs {(long)count * count} entries, not {values.Length}.");
        }

        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                var d = values[i * count + j];
                if (!double.IsFinite(d))
                {
                    return new MatrixProblem(i, j, $"{d} is not a finite distance.");
                }

                if (d < 0)
                {
                    return new MatrixProblem(i, j, $"{d} is negative; distances are non-negative.");
                }

                if (i == j && d != 0)
                {
                    return new MatrixProblem(i, j, $"{d} is on the diagonal; a point's distance to itself is 0.");
                }

                var mirror = values[j * count + i];
                if (j < i && Math.Abs(d - mirror) > SymmetryTolerance * Math.Max(1, Math.Max(Math.Abs(d), Math.Abs(mirror))))
                {
                    return new MatrixProblem(i, j, $"{d} differs from the entry at ({j}, {i}), {mirror}; the matrix must be symmetric.");
                }
            }
        }

        return null;
    }

    /// <summary>
    /// min over points of the largest distance from that point: from this value on, one point is joined to every
    /// other, the Rips complex is a cone and has no homology but one component.
    /// </summary>
    public double EnclosingRadius()
    {
        var radius = double.PositiveInfinity;
        for (var i = 0; i < Count; i++)
        {
            var row = Row(i);
            var farthest = 0.0;
            foreach (var d in row)
            {
                farthest = Math.Max(farthest, d);
            }

            radius = Math.Min(radius, farthest);
        }

        return radius;
    }
}

/// <summary>Where a candidate distance matrix goes wrong (zero-based row and column; -1 for the whole matrix).</summary>
public readonly record struct MatrixProblem(int Row, int Column, string Message);
