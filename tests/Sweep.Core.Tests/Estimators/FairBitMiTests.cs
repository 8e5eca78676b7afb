using Sweep.Core.Estimators;
using Sweep.Core.Randomness;

namespace Sweep.Core.Tests.Estimators;

public sealed class FairBitMiTests
{
    [Fact]
    public void Plug_in_mi_of_a_table_matches_its_closed_form()
    {
        // X = Y uniform on 3 values: ln 3.
        var copy = ContingencyTable.FromPairs([0, 1, 2, 0, 1, 2], [0, 1, 2, 0, 1, 2], 3, 3);
        Assert.Equal(Math.Log(3), copy.PlugInMi(), precision: 12);

        // A product table: 0.
        var product = new ContingencyTable(2, 3);
        foreach (var (x, cx) in new[] { (0, 1), (1, 3) })
        {
            foreach (var (y, cy) in new[] { (0, 2), (1, 1), (2, 5) })
            {
                for (var c = 0; c < cx * cy; c++)
                {
                    product.Add(x, y);
                }
            }
        }

        Assert.Equal(0, product.PlugInMi(), precision: 12);

        // Counts (3,1;1,3): a fair bit seen through a binary symmetric channel with flip 1/4: ln 2 − h(1/4).
        var channel = ContingencyTable.FromPairs([0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1, 1, 0], 2, 2);
        var h = -(0.25 * Math.Log(0.25) + 0.75 * Math.Log(0.75));
        Assert.Equal(Math.Log(2) - h, channel.PlugInMi(), precision: 12);
    }

    [Theory]
    [InlineData(10, 0.05)]
    [InlineData(200, 0.001)]
    public void Clopper_pearson_limits_at_the_ends_have_their_closed_form(int m, double alpha)
    {
        // 0 successes: P(Bin(m,p) = 0) = (1−p)^m = α, so p = 1 − α^(1/m); m successes mirror it.
        Assert.Equal(1 - Math.Pow(alpha, 1.0 / m), BinomialConfidence.Upper(0, m, alpha), precision: 9);
        Assert.Equal(Math.Pow(alpha, 1.0 / m), BinomialConfidence.Lower(m, m, alpha), precision: 9);
        Assert.Equal(1, BinomialConfidence.Upper(m, m, alpha));
        Assert.Equal(0, BinomialConfidence.Lower(0, m, alpha));
    }

    [Fact]
    public void Clopper_pearson_limits_cover_the_proportion_in_at_least_1_minus_alpha_of_draws()
    {
        const double p = 0.3, alpha = 0.1;
        const int m = 40, repetitions = 400;
        var random = new SplitMix64(5);
        var upperMisses = 0;
        var lowerMisses = 0;
        for (var r = 0; r < repetitions; r++)
        {
            var k = Enumerable.Range(0, m).Count(_ => random.NextDouble() < p);
            upperMisses += BinomialConfidence.Upper(k, m, alpha) < p ? 1 : 0;
            lowerMisses += BinomialConfidence.Lower(k, m, alpha) > p ? 1 : 0;
        }

        Assert.InRange(upperMisses, 0, alpha * repetitions);
        Assert.InRange(lowerMisses, 0, alpha * repetitions);
        // Exact, not vacuous: the limits do miss sometimes at this α.
        Assert.True(upperMisses + lowerMisses > 0);
    }

    [Fact]
    public void Upper_confidence_covers_the_true_mi_in_at_least_1_minus_delta_of_seeded_repetitions()
    {
        // X | U=0 ~ (0.6, 0.3, 0.1), X | U=1 ~ (0.3, 0.3, 0.4): I(X;U) = JS of the two, in nats.
        double[] p0 = [0.6, 0.3, 0.1], p1 = [0.3, 0.3, 0.4];
        var truth = Enumerable.Range(0, 3).Sum(x =>
        {
            var mix = 0.5 * (p0[x] + p1[x]);
            return 0.5 * p0[x] * Math.Log(p0[x] / mix) + 0.5 * p1[x] * Math.Log(p1[x] / mix);
        });
        const double delta = 0.1;
        const int repetitions = 200;
        var covered = 0;
        var plugInBelow = 0;
        for (var r = 0; r < repetitions; r++)
        {
            var (xs, us) = Draw(p0, p1, 200, seed: r);
            covered += FairBitMi.UpperConfidence(xs, us, 3, delta) >= truth ? 1 : 0;
            plugInBelow += FairBitMi.PlugIn(xs, us, 3) < truth ? 1 : 0;
        }

        Assert.True(covered >= (1 - delta) * repetitions, $"covered the truth {truth:F4} in {covered} of {repetitions}");
        // The plug-in alone is no bound: it falls below the truth in a good share of the draws.
        Assert.True(plugInBelow > repetitions / 10, $"plug-in below the truth in {plugInBelow} of {repetitions}");
    }

    [Fact]
    public void Upper_confidence_shrinks_towards_zero_when_x_ignores_u()
    {
        double[] p = [0.5, 0.2, 0.2, 0.1];
        var upper = new[] { 256, 2048, 16384 }.Select(m =>
        {
            var (xs, us) = Draw(p, p, m, seed: 3);
            return FairBitMi.UpperConfidence(xs, us, 4, 0.05);
        }).ToArray();

        Assert.True(upper[0] > upper[1] && upper[1] > upper[2], string.Join(", ", upper));
        Assert.True(upper[2] < 0.1 * FairBitMi.Ln2, string.Join(", ", upper));
    }

    [Fact]
    public void X_equal_to_u_has_mi_ln2_and_its_upper_confidence_is_ln2()
    {
        var (_, us) = Draw([1.0], [1.0], 64, seed: 1);
        var xs = us.Select(u => u ? 1 : 0).ToArray();

        Assert.Equal(Math.Log(2), FairBitMi.PlugIn(xs, us, 2), precision: 2);
        Assert.Equal(Math.Log(2), FairBitMi.UpperConfidence(xs, us, 2, 0.05), precision: 12);
    }

    [Fact]
    public void Null_check_tells_dependence_apart_and_flags_independence()
    {
        var (xs, us) = Draw([0.9, 0.1], [0.1, 0.9], 100, seed: 2);
        var dependent = PermutationNull.Run(100, pi => FairBitMi.PlugIn(xs, [.. pi.Select(j => us[j])], 2), 10, seed: 7);
        Assert.False(dependent.Indistinguishable);
        Assert.Equal(1.0 / 11, dependent.PValue, precision: 12);

        var (ys, vs) = Draw([0.5, 0.5], [0.5, 0.5], 100, seed: 2);
        var independent = PermutationNull.Run(100, pi => FairBitMi.PlugIn(ys, [.. pi.Select(j => vs[j])], 2), 10, seed: 7);
        Assert.True(independent.Indistinguishable);
        Assert.True(independent.NullMean > 0, "the plug-in is biased upward under the null");
    }

    [Fact]
    public void Null_check_works_for_ksg_on_gaussians()
    {
        var (x, y) = GaussianSamples.Draw(GaussianSamples.CrossIdentity(1, 0.9), 1, 300, seed: 4);
        var rows = Enumerable.Range(0, y.Count).Select(j => y.Row(j).ToArray()).ToArray();
        var check = PermutationNull.Run(300, pi => Ksg.Estimate(x, SampleMatrix.FromRows([.. pi.Select(j => rows[j])])), 5, seed: 1);
        Assert.False(check.Indistinguishable);
        Assert.InRange(check.NullMean, -0.1, 0.1);
        Assert.InRange(check.Estimate, 0.7, 0.95); // truth −½ln(1 − 0.81) = 0.830
    }

    /// <summary>M pairs: U a fair bit, X | U = u drawn from p_u.</summary>
    internal static (int[] Xs, bool[] Us) Draw(double[] p0, double[] p1, int m, long seed)
    {
        var random = new SplitMix64(seed);
        var xs = new int[m];
        var us = new bool[m];
        for (var j = 0; j < m; j++)
        {
            us[j] = random.NextDouble() < 0.5;
            var p = us[j] ? p1 : p0;
            var v = random.NextDouble();
            var x = 0;
            while (x < p.Length - 1 && v >= p[x])
            {
                v -= p[x];
                x++;
            }

            xs[j] = x;
        }

        return (xs, us);
    }
}
