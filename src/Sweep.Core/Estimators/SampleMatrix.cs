namespace Sweep.Core.Estimators;

/// <summary>
/// <see cref="Count"/> samples of a <see cref="Dimension"/>-dimensional variable, stored row-major. Every value is
/// finite; construction rejects NaN and infinities, naming the row and column (both zero-based).
/// </summary>
public sealed class SampleMatrix
{
    private readonly double[] _values;

    private SampleMatrix(double[] values, int count, int dimension)
    {
        _values = values;
        Count = count;
        Dimension = dimension;
    }

    public int Count { get; }

    public int Dimension { get; }

    public double this[int row, int column] => _values[row * Dimension + column];

    /// <summary>The row-major values (length <c>Count · Dimension</c>).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The 0-based columns whose values are all equal (zero variance): a constant carries no information, so KSG's estimate for it is only the tie-breaking jitter.</summary>
    public IReadOnlyList<int> ConstantColumns()
    {
        var constant = new List<int>();
        for (var c = 0; c < Dimension; c++)
        {
            var first = this[0, c];
            var same = true;
            for (var r = 1; r < Count && same; r++)
            {
                same = this[r, c] == first;
            }

            if (same && Count > 0)
            {
                constant.Add(c);
            }
        }

        return constant;
    }

    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * Dimension, Dimension);

    /// <summary>Samples from rows (one sample a row); <paramref name="name"/> is used in error messages.</summary>
    public static SampleMatrix FromRows(IReadOnlyList<double[]> rows, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new EstimatorInputException($"{name} has no samples.", name);
        }

        var dimension = rows[0].Length;
        if (dimension == 0)
        {
            throw new EstimatorInputException($"{name} has zero dimensions: row 0 is empty.", name);
        }

        var values = new double[checked(rows.Count * dimension)];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimension)
            {
                throw new EstimatorInputException($"{name} row {i} has {rows[i].Length} values but row 0 has {dimension} (rows are zero-based).", name);
            }

            rows[i].CopyTo(values, i * dimension);
        }

        return FromRowMajor(values, rows.Count, dimension, name);
    }

    /// <summary>Samples of a scalar variable.</summary>
    public static SampleMatrix FromColumn(IReadOnlyList<double> values, string name = "x") =>
        FromRowMajor(values.ToArray(), values.Count, 1, name);

    /// <summary>Samples from row-major <paramref name="values"/>; the array is used as is, not copied.</summary>
    public static SampleMatrix FromRowMajor(double[] values, int count, int dimension, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(values);
        if (count <= 0)
        {
            throw new EstimatorInputException($"{name} has no samples.", name);
        }

        if (dimension <= 0)
        {
            throw new EstimatorInputException($"{name} has zero dimensions.", name);
        }

        if (values.Length != (long)count * dimension)
        {
            throw new EstimatorInputException($"{name} has {values.Length} values, not {count} samples × {dimension} dimensions.", name);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new EstimatorInputException(
                    $"{name} row {i / dimension}, column {i % dimension} (zero-based) is {values[i]}; estimators need finite values.", name);
            }
        }

        return new SampleMatrix(values, count, dimension);
    }

    /// <summary>The samples projected onto the columns of a <c>Dimension × k</c> row-major matrix: <c>X·A</c>.</summary>
    public SampleMatrix Project(double[] basis, int k)
    {
        if (basis.Length != Dimension * k)
        {
            throw new ArgumentException($"A projection of {Dimension}-dimensional samples needs a {Dimension} × {k} matrix.", nameof(basis));
        }

        var projected = new double[Count * k];
        for (var i = 0; i < Count; i++)
        {
            var row = Row(i);
            var target = projected.AsSpan(i * k, k);
            for (var c = 0; c < Dimension; c++)
            {
                var value = row[c];
                var weights = basis.AsSpan(c * k, k);
                for (var j = 0; j < k; j++)
                {
                    target[j] += value * weights[j];
                }
            }
        }

        return new SampleMatrix(projected, Count, k);
    }
}
