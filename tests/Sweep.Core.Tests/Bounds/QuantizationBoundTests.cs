using Sweep.Core.Bounds;

namespace Sweep.Core.Tests.Bounds;

public sealed class QuantizationBoundTests
{
    [Theory]
    // sqrt(2·(1/2)²·d·ln K / n), computed by hand.
    [InlineData(750, 256, 60_000, 0.1862)]
    [InlineData(1000, 16, 10_000, 0.3723)]
    [InlineData(10, 2, 1_000, 0.0589)]
    public void Bound_matches_hand_computed_values(int d, int levels, int n, double expected)
    {
        Assert.Equal(expected, QuantizationBound.Compute(d, levels, n, sigma: 0.5), precision: 4);
    }

    [Fact]
    public void Information_is_d_ln_K_nats()
    {
        Assert.Equal(100 * Math.Log(16), QuantizationBound.InformationNats(100, 16), precision: 12);
    }

    [Fact]
    public void Bound_scales_with_sigma_and_shrinks_with_n()
    {
        var b = QuantizationBound.Compute(50, 16, 1000, 0.5);

        Assert.Equal(2 * b, QuantizationBound.Compute(50, 16, 1000, 1.0), precision: 12);
        Assert.Equal(b / 2, QuantizationBound.Compute(50, 16, 4000, 0.5), precision: 12);
    }

    [Theory]
    [InlineData(0, 16, 100)]
    [InlineData(10, 1, 100)]
    [InlineData(10, 16, 0)]
    public void Bound_rejects_meaningless_arguments(int d, int levels, int n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantizationBound.Compute(d, levels, n, 0.5));
    }
}
