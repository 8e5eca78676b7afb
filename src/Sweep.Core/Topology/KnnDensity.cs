using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// Density by the distance to the K-th nearest neighbour (Carlsson et al. 2008, the X(K, p) core subsets): a small
/// δ_K(x) is a dense neighbourhood. The core keeps the fraction p of the points with the smallest δ_K, ties broken
/// by row. Brute force, O(n² · dimension): fine for the few thousand filters of a sweep group.
/// </summary>
public static class KnnDensity
{
    /// <summary>δ_K for every row (Euclidean; the point itself is not its own neighbour).</summary>
    public static double[] KthNeighbourDistances(SampleMatrix points, int k)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (k < 1 || k >= points.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"K must lie in 1..{points.Count - 1} (there are {points.Count} points).");
        }

        var n = points.Count;
        var result = new double[n];
        var nearest = new double[k];
        for (var i = 0; i < n; i++)
        {
            var a = points.Row(i);
            var filled = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var b = points.Row(j);
                var sum = 0.0;
                for (var c = 0; c < a.Length; c++)
                {
                    var diff = a[c] - b[c];
                    sum += diff * diff;
                }

                if (filled < k)
                {
                    Insert(nearest, filled++, sum);
                }
                else if (sum < nearest[k - 1])
                {
                    Insert(nearest, k - 1, sum);
                }
            }

            result[i] = Math.Sqrt(nearest[k - 1]);
        }

        return result;
    }

    /// <summary>
    /// The rows of the densest ⌈p · n⌉ points, 0 &lt; p ≤ 1, densest (smallest δ_K) first, ties by row.
    /// </summary>
    public static int[] DensestFraction(SampleMatrix points, int k, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The kept fraction p must lie in (0, 1].");
        }

        var delta = KthNeighbourDistances(points, k);
        var count = (int)Math.Ceiling(fraction * points.Count);
        return Enumerable.Range(0, points.Count).OrderBy(i => delta[i]).ThenBy(i => i).Take(count).ToArray();
    }

    /// <summary>Places <paramref name="value"/> into the sorted prefix nearest[0..slot], shifting larger ones up.</summary>
    private static void Insert(double[] nearest, int slot, double value)
    {
        var i = slot;
        while (i > 0 && nearest[i - 1] > value)
        {
            nearest[i] = nearest[i - 1];
            i--;
        }

        nearest[i] = value;
    }
}
