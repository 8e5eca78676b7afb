namespace Sweep.Core.Estimators;

/// <summary>
/// Exact (Clopper–Pearson 1934) one-sided confidence limits for a binomial proportion: from k successes in m trials,
/// <see cref="Upper"/> is the largest p with P(Bin(m, p) ≤ k) ≥ α and <see cref="Lower"/> the smallest p with
/// P(Bin(m, p) ≥ k) ≥ α. Each limit fails (the true p lies beyond it) with probability at most α, for every p and m:
/// no normal approximation is involved. Found by bisection on the exact binomial tail (monotone in p).
/// </summary>
public static class BinomialConfidence
{
    public static double Upper(long k, long m, double alpha)
    {
        Check(k, m, alpha);
        if (k >= m)
        {
            return 1;
        }

        // P(Bin(m,p) ≤ k) falls from 1 to 0 as p grows.
        return Bisect(p => LowerTail(k, m, p) >= alpha);
    }

    public static double Lower(long k, long m, double alpha)
    {
        Check(k, m, alpha);
        if (k <= 0)
        {
            return 0;
        }

        // P(Bin(m,p) ≥ k) = 1 − P(Bin(m,p) ≤ k − 1) rises from 0 to 1 as p grows; the limit is the smallest p where it reaches α.
        return 1 - Bisect(q => 1 - LowerTail(k - 1, m, 1 - q) >= alpha);
    }

    /// <summary>P(Bin(m, p) ≤ k), summed in log space.</summary>
    public static double LowerTail(long k, long m, double p)
    {
        if (k < 0)
        {
            return 0;
        }

        if (k >= m || p <= 0)
        {
            return 1;
        }

        if (p >= 1)
        {
            return 0;
        }

        var logP = Math.Log(p);
        var logQ = double.LogP1(-p);
        var logTerms = new double[k + 1];
        var logBinomial = 0.0;
        var max = double.NegativeInfinity;
        for (long i = 0; i <= k; i++)
        {
            if (i > 0)
            {
                logBinomial += Math.Log(m - i + 1) - Math.Log(i);
            }

            logTerms[i] = logBinomial + i * logP + (m - i) * logQ;
            max = Math.Max(max, logTerms[i]);
        }

        var sum = logTerms.Sum(t => Math.Exp(t - max));
        return Math.Min(1, Math.Exp(max) * sum);
    }

    /// <summary>The supremum of the p in [0, 1] where <paramref name="holds"/> is true, for a predicate true below a threshold and false above it.</summary>
    private static double Bisect(Func<double, bool> holds)
    {
        double low = 0, high = 1;
        for (var step = 0; step < 60; step++)
        {
            var mid = 0.5 * (low + high);
            if (holds(mid))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        // The upper end of the bracket: never below the exact limit, so the confidence stays conservative.
        return high;
    }

    private static void Check(long k, long m, double alpha)
    {
        if (m < 0 || k < 0 || k > m)
        {
            throw new EstimatorInputException($"A binomial count needs 0 ≤ k ≤ m; got k = {k}, m = {m}.", nameof(k));
        }

        if (!(alpha > 0 && alpha < 1))
        {
            throw new EstimatorInputException($"The confidence level α must lie in (0, 1); got {alpha}.", nameof(alpha));
        }
    }
}
