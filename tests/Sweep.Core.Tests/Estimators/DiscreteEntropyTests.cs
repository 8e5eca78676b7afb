using Sweep.Core.Estimators;
using Sweep.Core.Randomness;

namespace Sweep.Core.Tests.Estimators;

public sealed class DiscreteEntropyTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(256)]
    public void Uniform_on_K_levels_has_entropy_ln_K(int levels)
    {
        var exact = DiscreteEntropy.FromSamples(Enumerable.Range(0, 10 * levels).Select(i => i % levels));

        Assert.Equal(Math.Log(levels), exact.PlugIn, precision: 12);
        Assert.Equal(Math.Log(levels) + (levels - 1) / (2.0 * 10 * levels), exact.MillerMadow, precision: 12);
        Assert.Equal(levels, exact.DistinctCount);
    }

    [Fact]
    public void Miller_madow_corrects_the_plug_in_bias_on_random_draws()
    {
        // K = 64, N = 640 draws, 20 seeds: the plug-in is low by ≈ (K − 1)/2N = 0.049; Miller–Madow removes most of it.
        const int levels = 64;
        var estimates = Enumerable.Range(0, 20).Select(seed =>
        {
            var random = new SplitMix64(seed);
            return DiscreteEntropy.FromSamples(Enumerable.Range(0, 640).Select(_ => random.NextInt(levels)));
        }).ToArray();

        var plugInError = estimates.Average(e => e.PlugIn) - Math.Log(levels);
        var millerMadowError = estimates.Average(e => e.MillerMadow) - Math.Log(levels);

        Assert.InRange(plugInError, -0.07, -0.03);
        Assert.InRange(Math.Abs(millerMadowError), 0, 0.015);
    }

    [Fact]
    public void Vectors_are_compared_element_wise()
    {
        int[][] samples = [[1, 2], [1, 2], [2, 1], [0, 0]];

        var h = DiscreteEntropy.FromVectors(samples.Select(s => s.ToArray()));

        Assert.Equal(3, h.DistinctCount);
        Assert.Equal(-(0.5 * Math.Log(0.5) + 2 * 0.25 * Math.Log(0.25)), h.PlugIn, precision: 12);
    }

    [Fact]
    public void No_samples_is_rejected()
    {
        Assert.Throws<EstimatorInputException>(() => DiscreteEntropy.FromCounts([0, 0]));
        Assert.Throws<EstimatorInputException>(() => DiscreteEntropy.FromCounts([3, -1]));
    }
}
