using System.Runtime.CompilerServices;

namespace Sweep.Core.Estimators;

/// <summary>
/// Strict range counts on the real line by binary search over sorted values. |v − q| computed in floating point is
/// monotone on each side of q, so the counts equal a brute-force scan's exactly.
/// </summary>
internal static class SortedLine
{
    /// <summary>
    /// For each i, how many values v (v_i itself included) satisfy |v − v_i| &lt; radius_i.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] CountsWithin(ReadOnlySpan<double> values, double[] radius)
    {
        var sorted = values.ToArray();
        var order = new int[sorted.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(sorted, order);
        var counts = new int[sorted.Length];
        for (var p = 0; p < sorted.Length; p++)
        {
            var query = sorted[p];
            var r = radius[order[p]];

            // Values before p are ≤ query: the first j with query − v_j < r starts the run.
            int low = 0, high = p;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (query - sorted[middle] < r)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            var first = low;

            // Values from p on are ≥ query: the first j with v_j − query ≥ r ends the run.
            low = p;
            high = sorted.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (sorted[middle] - query < r)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            counts[order[p]] = low - first;
        }

        return counts;
    }
}
