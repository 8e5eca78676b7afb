namespace Sweep.Core.Estimators;

/// <summary>
/// Joint counts of two small discrete variables X ∈ {0..Kx−1} and Y ∈ {0..Ky−1} from M paired samples, and the plug-in
/// MI in nats, Î = Σ p̂(x,y)·ln(p̂(x,y) / (p̂(x)·p̂(y))) = Ĥ(X) + Ĥ(Y) − Ĥ(X,Y).
/// </summary>
public sealed class ContingencyTable
{
    private readonly long[,] _counts;

    public ContingencyTable(int xLevels, int yLevels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(xLevels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(yLevels);
        _counts = new long[xLevels, yLevels];
    }

    public int XLevels => _counts.GetLength(0);

    public int YLevels => _counts.GetLength(1);

    public long Total { get; private set; }

    public long this[int x, int y] => _counts[x, y];

    /// <summary>The table of the pairs (xs[j], ys[j]).</summary>
    public static ContingencyTable FromPairs(IReadOnlyList<int> xs, IReadOnlyList<int> ys, int xLevels, int yLevels)
    {
        if (xs.Count != ys.Count)
        {
            throw new EstimatorInputException($"{xs.Count} values of X but {ys.Count} of Y; the samples must be paired.", nameof(ys));
        }

        var table = new ContingencyTable(xLevels, yLevels);
        for (var j = 0; j < xs.Count; j++)
        {
            table.Add(xs[j], ys[j]);
        }

        return table;
    }

    public void Add(int x, int y)
    {
        if ((uint)x >= XLevels || (uint)y >= YLevels)
        {
            throw new EstimatorInputException($"The pair ({x}, {y}) lies outside the {XLevels}×{YLevels} table.", nameof(x));
        }

        _counts[x, y]++;
        Total++;
    }

    /// <summary>How often X = x among the samples with Y = y.</summary>
    public long CountOfXGivenY(int x, int y) => _counts[x, y];

    /// <summary>The number of samples with Y = y.</summary>
    public long CountOfY(int y)
    {
        long sum = 0;
        for (var x = 0; x < XLevels; x++)
        {
            sum += _counts[x, y];
        }

        return sum;
    }

    /// <summary>The plug-in MI in nats (0 for an empty table). It is ≥ 0 and at most ln min(Kx, Ky).</summary>
    public double PlugInMi()
    {
        if (Total == 0)
        {
            return 0;
        }

        var px = new double[XLevels];
        var py = new double[YLevels];
        for (var x = 0; x < XLevels; x++)
        {
            for (var y = 0; y < YLevels; y++)
            {
                px[x] += _counts[x, y];
                py[y] += _counts[x, y];
            }
        }

        var mi = 0.0;
        for (var x = 0; x < XLevels; x++)
        {
            for (var y = 0; y < YLevels; y++)
            {
                if (_counts[x, y] > 0)
                {
                    // p(x,y)·ln(p(x,y)/(p(x)p(y))) with counts: (c/M)·ln(c·M/(cx·cy)).
                    double c = _counts[x, y];
                    mi += c / Total * Math.Log(c * Total / (px[x] * py[y]));
                }
            }
        }

        return Math.Max(0, mi);
    }
}
