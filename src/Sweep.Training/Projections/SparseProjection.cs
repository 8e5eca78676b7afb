using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Projections;

/// <summary>
/// A very sparse random projection (Li, Hastie &amp; Church 2006) with s = √D: each entry of Θ is nonzero with
/// probability p = 1/√D, and then +1 or −1 with equal probability; each column is scaled to unit norm (divided by
/// the square root of its number of nonzeros). Drawn without touching the D·d entries: in column-major order the gaps
/// between nonzeros are geometric with parameter p, so the positions are a cumulative sum of ⌊ln U / ln(1 − p)⌋ + 1
/// over uniforms U. A column that draws no nonzero at all (probability (1 − p)^D ≈ e^{−√D}, negligible beyond tiny D)
/// gets one, at a drawn row, so every column has unit norm. About d·√D nonzeros, held as a sparse COO tensor
/// (column-major, no duplicates); Θ·w' gathers w' at each nonzero's column and adds it into its row (index_select, then index_add), which
/// autograd differentiates with respect to w' (the adjoint gathers at rows and adds into columns).
/// </summary>
public sealed class SparseProjection : IProjection
{
    private readonly Tensor _matrix;
    private readonly Tensor _rowIndex;
    private readonly Tensor _columnIndex;
    private readonly Tensor _values;

    public SparseProjection(long rows, int columns, long seed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Rows = rows;
        Columns = columns;
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        var positions = DrawPositions(rows * columns, 1 / Math.Sqrt(rows), generator);
        var rowIndex = positions.remainder(rows);
        var columnIndex = positions.div(rows, rounding_mode: RoundingMode.floor);
        (rowIndex, columnIndex) = FillEmptyColumns(rowIndex, columnIndex, rows, columns, generator);
        var signs = torch.randint(0, 2, [rowIndex.shape[0]], generator: generator, dtype: ScalarType.Float32).mul_(2).sub_(1);
        var counts = torch.bincount(columnIndex, minlength: columns).to(ScalarType.Float32);
        var values = signs.mul_(counts.rsqrt().index_select(0, columnIndex));
        var matrix = torch.sparse_coo_tensor(torch.stack([rowIndex, columnIndex]), values, [rows, columns]);
        _matrix = matrix.to(device).DetachFromDisposeScope();
        var indices = _matrix.SparseIndices;
        _rowIndex = indices[0].contiguous().DetachFromDisposeScope();
        _columnIndex = indices[1].contiguous().DetachFromDisposeScope();
        _values = _matrix.SparseValues.DetachFromDisposeScope();
    }

    public long Rows { get; }

    public int Columns { get; }

    public long NonZeros => _values.shape[0];

    /// <summary>The sparse matrix's indices (two int64 per nonzero) and values; the row and column vectors the product uses are views of its indices.</summary>
    public long Bytes => NonZeros * (2 * sizeof(long) + sizeof(float));

    /// <summary>Θ as a sparse COO tensor (D×d; entries in column-major order, none repeated).</summary>
    public Tensor Matrix => _matrix;

    /// <summary>Θ·w' (length D), differentiable with respect to <paramref name="wPrime"/>.</summary>
    public Tensor Apply(Tensor wPrime)
    {
        if (wPrime.shape is not [var d] || d != Columns)
        {
            throw new ArgumentException($"w' must be a vector of d = {Columns} values.", nameof(wPrime));
        }

        using var scope = torch.NewDisposeScope();
        var contributions = wPrime.index_select(0, _columnIndex).mul(_values);
        var zeros = torch.zeros(Rows, dtype: wPrime.dtype, device: wPrime.device);
        return zeros.index_add(0, _rowIndex, contributions, 1).MoveToOuterDisposeScope();
    }

    public Tensor Offset(Tensor initial, Tensor wPrime)
    {
        using var scope = torch.NewDisposeScope();
        var contributions = wPrime.index_select(0, _columnIndex).mul(_values);
        return initial.index_add(0, _rowIndex, contributions, 1).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _rowIndex.Dispose();
        _columnIndex.Dispose();
        _values.Dispose();
        _matrix.Dispose();
    }

    /// <summary>Positions in [0, total) of a Bernoulli(p) pattern, increasing, from geometric gaps (float64 arithmetic).</summary>
    private static Tensor DrawPositions(long total, double p, torch.Generator generator)
    {
        var chunks = new List<Tensor>();
        var logOneMinusP = Math.Log(1 - p);
        long last = -1;
        var expected = total * p;
        var chunk = (long)Math.Ceiling(expected + 6 * Math.Sqrt(expected) + 16);
        while (last < total)
        {
            var uniforms = torch.rand([chunk], dtype: ScalarType.Float64, generator: generator).clamp_min_(double.Epsilon);
            var gaps = uniforms.log_().div_(logOneMinusP).floor_().add_(1).to(ScalarType.Int64);
            var positions = gaps.cumsum(0).add_(last);
            last = positions[-1].ToInt64();
            chunks.Add(positions);
            chunk = Math.Max(16, chunk / 4);
        }

        var all = chunks.Count == 1 ? chunks[0] : torch.cat(chunks, 0);
        return all.masked_select(all.lt(total));
    }

    private static (Tensor Rows, Tensor Columns) FillEmptyColumns(Tensor rowIndex, Tensor columnIndex, long rows, int columns, torch.Generator generator)
    {
        var counts = torch.bincount(columnIndex, minlength: columns);
        var empty = counts.eq(0).nonzero().flatten();
        if (empty.shape[0] == 0)
        {
            return (rowIndex, columnIndex);
        }

        var extraRows = torch.randint(0, rows, [empty.shape[0]], generator: generator, dtype: ScalarType.Int64);
        return (torch.cat([rowIndex, extraRows], 0), torch.cat([columnIndex, empty], 0));
    }
}
