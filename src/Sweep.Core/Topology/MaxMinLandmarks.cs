using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// Max-min (farthest point) landmarks (de Silva &amp; Carlsson 2004): start from one point, then repeatedly add the
/// point farthest from those chosen. The landmarks cover the cloud evenly, so its shape survives the subsampling
/// where a random subsample would lose sparse stretches. O(n · count · dimension).
/// </summary>
public static class MaxMinLandmarks
{
    /// <summary>The rows of <paramref name="count"/> landmarks, first <paramref name="first"/>, in the order chosen; every row when count ≥ n.</summary>
    public static int[] Select(SampleMatrix points, int count, int first = 0)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var n = points.Count;
        if (first < 0 || first >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(first), first, $"The first landmark must be a row in 0..{n - 1}.");
        }

        if (count >= n)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        var chosen = new int[count];
        chosen[0] = first;
        for (var l = 1; l <= count; l++)
        {
            var last = points.Row(chosen[l - 1]);
            var farthest = -1;
            var farthestDistance = -1.0;
            for (var i = 0; i < n; i++)
            {
                var row = points.Row(i);
                var sum = 0.0;
                for (var c = 0; c < row.Length; c++)
                {
                    var diff = row[c] - last[c];
                    sum += diff * diff;
                }

                nearest[i] = Math.Min(nearest[i], sum);
                if (nearest[i] > farthestDistance)
                {
                    (farthest, farthestDistance) = (i, nearest[i]);
                }
            }

            if (l < count)
            {
                chosen[l] = farthest;
            }
        }

        return chosen;
    }
}
