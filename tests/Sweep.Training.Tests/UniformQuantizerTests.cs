using Sweep.Training.Subspace;
using TorchSharp;

namespace Sweep.Training.Tests;

public sealed class UniformQuantizerTests : TorchTestBase
{
    [Fact]
    public void Levels_are_evenly_spaced_from_minus_range_to_range()
    {
        var quantizer = new UniformQuantizer(5, 2.0);

        Assert.Equal([-2.0, -1.0, 0.0, 1.0, 2.0], Enumerable.Range(0, 5).Select(quantizer.Level));
        Assert.Equal(1.0, quantizer.Step);
    }

    [Theory]
    [InlineData(0.49, 0.0)]
    [InlineData(0.51, 1.0)]
    [InlineData(-1.2, -1.0)]
    [InlineData(1.6, 2.0)]
    [InlineData(7.0, 2.0)]
    [InlineData(-7.0, -2.0)]
    [InlineData(2.0, 2.0)]
    public void Rounds_to_the_nearest_level_after_clipping(double w, double expected)
    {
        Assert.Equal(expected, new UniformQuantizer(5, 2.0).Quantize(w), 12);
    }

    [Fact]
    public void Two_levels_are_the_endpoints()
    {
        var quantizer = new UniformQuantizer(2, 0.5);

        Assert.Equal(-0.5, quantizer.Quantize(-0.01));
        Assert.Equal(0.5, quantizer.Quantize(0.01));
    }

    [Fact]
    public void Tensor_quantization_matches_the_scalar_form()
    {
        var quantizer = new UniformQuantizer(64, 1.0);
        var values = Enumerable.Range(-300, 601).Select(i => i / 200f + 0.0013f).ToArray();
        using var w = torch.tensor(values);
        using var q = quantizer.Quantize(w);

        var quantized = q.data<float>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(quantizer.Quantize(values[i]), quantized[i], 1e-6);
        }
    }

    [Fact]
    public void Straight_through_estimator_has_identity_gradient()
    {
        var quantizer = new UniformQuantizer(4, 1.0);
        using var w = torch.tensor(new[] { -3f, -0.4f, 0.1f, 0.7f, 2.5f }).requires_grad_();
        using var weights = torch.tensor(new[] { 1f, 2f, 3f, 4f, 5f });
        using var quantized = quantizer.StraightThrough(w);
        using var loss = (quantized * weights).sum();

        loss.backward();

        Assert.Equal([-1f, -1f / 3, 1f / 3, 1f, 1f], quantized.detach().data<float>().ToArray(), new FloatTolerance(1e-6f));
        Assert.Equal([1f, 2f, 3f, 4f, 5f], w.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Clipped_fraction_counts_values_beyond_the_range()
    {
        var quantizer = new UniformQuantizer(8, 1.0);

        Assert.Equal(0.5, quantizer.ClippedFraction([-1.5f, 1f, 0.2f, 1.01f]));
    }

    [Fact]
    public void Rejects_fewer_than_two_levels_or_a_non_positive_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformQuantizer(1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformQuantizer(4, 0.0));
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
