namespace Sweep.Core.Statistics;

/// <summary>
/// Exact (Clopper–Pearson) one-sided confidence limits for a binomial proportion: after k successes in m independent
/// trials, the upper limit p_u solves P(Bin(m, p_u) ≤ k) = δ, so P(p ≤ p_u) ≥ 1 − δ for every true p.
/// </summary>
public static class BinomialConfidence
{
    /// <summary>The one-sided upper limit at confidence 1 − <paramref name="delta"/> (1 when k = m).</summary>
    public static double Upper(long successes, long trials, double delta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), $"delta must lie in (0, 1), got {delta}.");
        }

        if (successes == trials)
        {
            return 1;
        }

        // P(Bin(m, p) ≤ k) falls strictly in p, so bisect; 100 halvings reach double precision.
        double low = (double)successes / trials, high = 1;
        for (var i = 0; i < 100 && high - low > 1e-15; i++)
        {
            var mid = 0.5 * (low + high);
            if (LowerTail(successes, trials, mid) > delta)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return high;
    }

    /// <summary>P(Bin(m, p) ≤ k), summed in log space (exact to rounding for any m).</summary>
    public static double LowerTail(long k, long m, double p)
    {
        if (p <= 0)
        {
            return 1;
        }

        if (p >= 1)
        {
            return k >= m ? 1 : 0;
        }

        double logP = Math.Log(p), logQ = Math.Log(1 - p);
        // log C(m, j) by recurrence from j = 0; terms are summed relative to the largest to avoid underflow.
        var logTerms = new double[k + 1];
        double logChoose = 0, max = double.NegativeInfinity;
        for (long j = 0; j <= k; j++)
        {
            if (j > 0)
            {
                logChoose += Math.Log((double)(m - j + 1) / j);
            }

            logTerms[j] = logChoose + j * logP + (m - j) * logQ;
            max = Math.Max(max, logTerms[j]);
        }

        var sum = logTerms.Sum(t => Math.Exp(t - max));
        return Math.Min(1, Math.Exp(max + Math.Log(sum)));
    }
}
