namespace Sweep.Core.Estimators;

/// <summary>
/// The MI between a small discrete variable X ∈ {0..K−1} and a bit U that is uniform <i>by design</i> (the supersample
/// selector), from M i.i.d. pairs: the plug-in value, and a one-sided upper confidence value.
/// <para>
/// With U uniform, I(X; U) = JS(P0, P1), the Jensen–Shannon divergence (nats) between P_u = P(X | U = u). Termwise,
/// ½[p·ln(2p/(p+q)) + q·ln(2q/(p+q))] = ((p+q)/2)·(ln 2 − h(p/(p+q))) ≤ (ln 2/2)·|p − q|, because ln 2 − h(r) is convex
/// in r and equals ln 2·|2r − 1| at r ∈ {0, ½, 1} (Lin 1991 gives the same inequality). So I(X; U) ≤ ln 2·TV(P0, P1),
/// and TV(P0, P1) = max over events A of |P0(A) − P1(A)|, A running over the 2^(K−1) − 1 subsets of the alphabet up
/// to complement. Every P_u(A) gets an exact Clopper–Pearson interval from the M_u samples with U = u (given the U
/// column, those samples are i.i.d. from P_u), each side at level α = δ / (4·E) for E events; by the union bound all
/// 4E limits hold together with probability ≥ 1 − δ, and then
/// TV ≤ max_A max(ucb P0(A) − lcb P1(A), ucb P1(A) − lcb P0(A)) and I ≤ ln 2 · min(1, that).
/// </para>
/// </summary>
public static class FairBitMi
{
    public static readonly double Ln2 = Math.Log(2);

    /// <summary>The plug-in estimate Î(X; U) from the pairs (xs[j], us[j]).</summary>
    public static double PlugIn(IReadOnlyList<int> xs, IReadOnlyList<bool> us, int levels) =>
        Table(xs, us, levels).PlugInMi();

    /// <summary>
    /// An upper confidence value for I(X; U) that holds with probability ≥ 1 − <paramref name="delta"/> over the M pairs
    /// (U uniform by design). At most ln 2; it tends to the truth's TV-based bound as M grows.
    /// </summary>
    public static double UpperConfidence(IReadOnlyList<int> xs, IReadOnlyList<bool> us, int levels, double delta)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new EstimatorInputException($"The failure probability δ must lie in (0, 1); got {delta}.", nameof(delta));
        }

        if (levels > 16)
        {
            throw new EstimatorInputException($"The TV confidence enumerates 2^(K−1) events; K = {levels} is too many (at most 16).", nameof(levels));
        }

        var table = Table(xs, us, levels);
        var events = (1 << (levels - 1)) - 1;
        if (events == 0)
        {
            return 0; // X is constant by construction: I = 0 exactly.
        }

        var alpha = delta / (4.0 * events);
        var m0 = table.CountOfY(0);
        var m1 = table.CountOfY(1);
        var tv = 0.0;
        // The masks below 2^(K−1) are the non-empty subsets without the last level; every other proper subset is the
        // complement of one of them (same |P0(A) − P1(A)|), so each event is covered once.
        for (var mask = 1; mask <= events; mask++)
        {
            long k0 = 0, k1 = 0;
            for (var x = 0; x < levels; x++)
            {
                if ((mask & (1 << x)) != 0)
                {
                    k0 += table.CountOfXGivenY(x, 0);
                    k1 += table.CountOfXGivenY(x, 1);
                }
            }

            var upper0 = BinomialConfidence.Upper(k0, m0, alpha);
            var lower0 = BinomialConfidence.Lower(k0, m0, alpha);
            var upper1 = BinomialConfidence.Upper(k1, m1, alpha);
            var lower1 = BinomialConfidence.Lower(k1, m1, alpha);
            tv = Math.Max(tv, Math.Max(upper0 - lower1, upper1 - lower0));
        }

        return Ln2 * Math.Clamp(tv, 0, 1);
    }

    private static ContingencyTable Table(IReadOnlyList<int> xs, IReadOnlyList<bool> us, int levels)
    {
        if (xs.Count != us.Count)
        {
            throw new EstimatorInputException($"{xs.Count} values of X but {us.Count} bits U; the samples must be paired.", nameof(us));
        }

        var table = new ContingencyTable(levels, 2);
        for (var j = 0; j < xs.Count; j++)
        {
            table.Add(xs[j], us[j] ? 1 : 0);
        }

        return table;
    }
}
