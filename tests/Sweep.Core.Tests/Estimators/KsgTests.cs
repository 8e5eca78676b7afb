using Sweep.Core.Estimators;

namespace Sweep.Core.Tests.Estimators;

/// <summary>KSG against closed-form Gaussian MI. Each case averages a few seeds; the tolerance is stated beside it.</summary>
public sealed class KsgTests
{
    private static readonly long[] Seeds = [1, 2, 3, 4, 5];

    [Fact]
    public void Bivariate_gaussian_rho_075_gives_04133_nats()
    {
        // n = 2000, 5 seeds: the seed-to-seed sd is ≈ 0.015, so the mean is held to 0.02 and each seed to 0.05.
        var estimates = Seeds.Select(s => Estimate(GaussianSamples.CrossIdentity(1, 0.75), 1, 2000, s)).ToArray();

        Assert.Equal(0.4133, GaussianMi.Bivariate(0.75), precision: 4);
        Assert.InRange(estimates.Average(), 0.4133 - 0.02, 0.4133 + 0.02);
        Assert.All(estimates, e => Assert.InRange(e, 0.4133 - 0.05, 0.4133 + 0.05));
    }

    [Fact]
    public void Monotone_transform_of_the_marginals_keeps_the_estimate()
    {
        // t ↦ t·sqrt|t| on every coordinate leaves I unchanged; KSG's estimate moves only by its own noise
        // (≤ 0.03 per seed at n = 2000) and stays within 0.02 of the truth on average.
        var raw = new List<double>();
        var transformed = new List<double>();
        foreach (var seed in Seeds)
        {
            var (x, y) = GaussianSamples.Draw(GaussianSamples.CrossIdentity(1, 0.75), 1, 2000, seed);
            raw.Add(Ksg.Estimate(x, y, new KsgOptions(Seed: seed)));
            transformed.Add(Ksg.Estimate(Transform(x), Transform(y), new KsgOptions(Seed: seed)));
        }

        Assert.InRange(transformed.Average(), 0.4133 - 0.02, 0.4133 + 0.02);
        Assert.All(raw.Zip(transformed), p => Assert.InRange(p.Second - p.First, -0.03, 0.03));
    }

    [Fact]
    public void Dense_5x5_gaussian_all_correlations_05_gives_05928_nats()
    {
        // X, Y ∈ R^5, the 10-dim joint equicorrelated at 0.5: ½ ln(det Σx det Σy / det Σ) = ½ ln(36/11).
        // In a 10-dim joint space KSG is biased low (≈ −0.02 at n = 4000), so the mean of 2 seeds is held to 0.045.
        var joint = GaussianSamples.Equicorrelated(10, 0.5);
        Assert.Equal(0.5 * Math.Log(36.0 / 11.0), GaussianMi.FromCovariance(joint, 5), precision: 12);
        Assert.Equal(0.5928, GaussianMi.FromCovariance(joint, 5), precision: 4);

        var estimates = Seeds.Take(2).Select(s => Estimate(joint, 5, 4000, s)).ToArray();

        Assert.InRange(estimates.Average(), 0.5928 - 0.045, 0.5928 + 0.045);
    }

    [Fact]
    public void Two_pairs_in_3x3_gaussian_at_08_give_10217_nats()
    {
        // Two coordinate pairs correlated at 0.8, the third pair independent: I = −ln(1 − 0.64) = 1.0217.
        // Strong dependence in a 6-dim joint space biases KSG low (≈ −0.04 at n = 4000): mean of 3 seeds within 0.07.
        var joint = GaussianSamples.CrossIdentity(3, 0.0);
        joint[0, 3] = joint[3, 0] = joint[1, 4] = joint[4, 1] = 0.8;
        Assert.Equal(1.0217, GaussianMi.FromCovariance(joint, 3), precision: 4);

        var estimates = Seeds.Take(3).Select(s => Estimate(joint, 3, 4000, s)).ToArray();

        Assert.InRange(estimates.Average(), 1.0217 - 0.07, 1.0217 + 0.02);
    }

    [Fact]
    public void Independent_gaussians_give_about_zero()
    {
        // X, Y ∈ R^3 independent, n = 2000: mean of 5 seeds within 0.01 of 0, each within 0.03.
        var estimates = Seeds.Select(s => Estimate(GaussianSamples.CrossIdentity(3, 0.0), 3, 2000, s)).ToArray();

        Assert.InRange(estimates.Average(), -0.01, 0.01);
        Assert.All(estimates, e => Assert.InRange(e, -0.03, 0.03));
    }

    [Theory]
    [InlineData(1, 1, 1, 0.0)]
    [InlineData(1, 1, 3, 1e-10)]
    [InlineData(2, 3, 4, 0.0)]
    [InlineData(3, 2, 3, 1e-10)]
    [InlineData(5, 5, 5, 1e-10)]
    public void Kd_tree_equals_brute_force_exactly_including_ties(int dx, int dy, int k, double jitter)
    {
        // Rounded values produce many exact ties in distances and in the marginals.
        var random = new Sweep.Core.Randomness.SplitMix64(dx * 100 + dy * 10 + k);
        const int n = 400;
        var x = SampleMatrix.FromRowMajor(Enumerable.Range(0, n * dx).Select(_ => Math.Round(3 * random.NextGaussian())).ToArray(), n, dx);
        var y = SampleMatrix.FromRowMajor(Enumerable.Range(0, n * dy).Select(i => Math.Round(x.Values[i % (n * dx)] + 2 * random.NextGaussian())).ToArray(), n, dy);

        var tree = Ksg.Estimate(x, y, new KsgOptions(K: k, Seed: 9, Jitter: jitter));
        var brute = Ksg.Estimate(x, y, new KsgOptions(K: k, Seed: 9, Jitter: jitter, Search: NeighbourSearch.BruteForce));

        Assert.Equal(brute, tree);
        Assert.True(double.IsFinite(tree));
    }

    [Fact]
    public void Same_seed_gives_the_same_estimate_and_another_seed_moves_only_the_jitter()
    {
        var (x, y) = GaussianSamples.Draw(GaussianSamples.CrossIdentity(2, 0.5), 2, 500, 3);

        Assert.Equal(Ksg.Estimate(x, y, new KsgOptions(Seed: 4)), Ksg.Estimate(x, y, new KsgOptions(Seed: 4)));
        Assert.Equal(Ksg.Estimate(x, y, new KsgOptions(Seed: 4)), Ksg.Estimate(x, y, new KsgOptions(Seed: 5)), precision: 6);
    }

    private static double Estimate(double[,] joint, int xDimension, int n, long seed)
    {
        var (x, y) = GaussianSamples.Draw(joint, xDimension, n, seed);
        return Ksg.Estimate(x, y, new KsgOptions(Seed: seed));
    }

    private static SampleMatrix Transform(SampleMatrix samples) => SampleMatrix.FromRowMajor(
        samples.Values.ToArray().Select(t => t * Math.Sqrt(Math.Abs(t))).ToArray(), samples.Count, samples.Dimension);
}
