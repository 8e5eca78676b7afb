using Sweep.Core.Bounds;
using Sweep.Core.Lora;

namespace Sweep.Core.Tests.Bounds;

public sealed class LoraQuantizationBoundTests
{
    // An MLP 784-200-200-10 adapted on all three linear layers.
    private static readonly AdaptedShape[] Mlp = [new(784, 200), new(200, 200), new(200, 10)];

    [Theory]
    [InlineData(LoraMode.BOnly, 4, 4 * (200 + 200 + 10))]
    [InlineData(LoraMode.AOnly, 4, 4 * (784 + 200 + 200))]
    [InlineData(LoraMode.Both, 4, 4 * (784 + 200 + 200 + 200 + 200 + 10))]
    [InlineData(LoraMode.BOnly, 1, 410)]
    public void Trainable_parameters_follow_the_mode(LoraMode mode, int rank, long expected)
    {
        Assert.Equal(expected, LoraQuantizationBound.TrainableParameters(mode, rank, Mlp));
    }

    [Theory]
    // sqrt(2·(1/2)²·q·ln2·r·Σd / n), computed by hand.
    [InlineData(LoraMode.BOnly, 1, 8, 5_000, 0.4768)] // p = 410
    [InlineData(LoraMode.AOnly, 1, 8, 5_000, 0.8103)] // p = 1184
    [InlineData(LoraMode.Both, 2, 4, 10_000, 0.6648)] // p = 3188
    public void Bound_matches_hand_computed_values(LoraMode mode, int rank, int bits, int n, double expected)
    {
        Assert.Equal(expected, LoraQuantizationBound.Compute(mode, rank, Mlp, bits, n), precision: 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(64)]
    public void Both_over_B_only_is_root_two_for_square_matrices(int rank)
    {
        AdaptedShape[] square = [new(64, 64), new(64, 64), new(32, 32)];

        var both = LoraQuantizationBound.Compute(LoraMode.Both, rank, square, bits: 4, n: 1000);
        var bOnly = LoraQuantizationBound.Compute(LoraMode.BOnly, rank, square, bits: 4, n: 1000);
        var aOnly = LoraQuantizationBound.Compute(LoraMode.AOnly, rank, square, bits: 4, n: 1000);

        Assert.Equal(Math.Sqrt(2), both / bOnly, precision: 12);
        Assert.Equal(bOnly, aOnly, precision: 12);
    }

    [Fact]
    public void B_only_is_the_quantization_bound_of_a_subspace_of_dimension_r_times_sum_d_out()
    {
        // B-only LoRA with frozen orthonormal A is random-subspace training with d = r·Σd_out, and q bits are K = 2^q levels.
        var lora = LoraQuantizationBound.Compute(LoraMode.BOnly, 3, Mlp, bits: 8, n: 7_000);
        var subspace = QuantizationBound.Compute(3 * 410, 256, 7_000, 0.5);

        Assert.Equal(subspace, lora, precision: 12);
    }

    [Fact]
    public void Information_is_p_q_ln_2_nats_and_sigma_defaults_to_one_half()
    {
        var bound = LoraQuantizationBound.Evaluate(LoraMode.AOnly, 2, Mlp, bits: 3, n: 500);

        Assert.Equal(2 * 1184 * 3 * Math.Log(2), bound.InformationNats, precision: 9);
        Assert.Equal(2 * 1184, bound.TrainableParameters);
        Assert.Equal(0.5, bound.Sigma);
        Assert.Equal(Math.Sqrt(2 * 0.25 * bound.InformationNats / 500), bound.Value, precision: 12);
        Assert.Equal(0.1 + bound.Value, bound.TestErrorBound(0.1), precision: 12);
        Assert.Contains("nats", bound.Assumptions);
        Assert.Equal(2 * bound.Value, LoraQuantizationBound.Compute(LoraMode.AOnly, 2, Mlp, 3, 500, sigma: 1.0), precision: 12);
    }

    [Fact]
    public void Bound_rejects_meaningless_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoraQuantizationBound.Compute(LoraMode.BOnly, 0, Mlp, 4, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoraQuantizationBound.Compute(LoraMode.BOnly, 1, Mlp, 0, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoraQuantizationBound.Compute(LoraMode.BOnly, 1, Mlp, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoraQuantizationBound.Compute(LoraMode.BOnly, 1, [new(0, 3)], 4, 10));
        Assert.Throws<ArgumentException>(() => LoraQuantizationBound.Compute(LoraMode.BOnly, 1, [], 4, 10));
    }

    [Theory]
    [InlineData("B-only", LoraMode.BOnly)]
    [InlineData("a_only", LoraMode.AOnly)]
    [InlineData(" Both ", LoraMode.Both)]
    public void Modes_parse_and_print(string text, LoraMode expected)
    {
        Assert.Equal(expected, LoraModes.Parse(text));
        Assert.Equal(expected, LoraModes.Parse(expected.Name()));
        Assert.Throws<FormatException>(() => LoraModes.Parse("C-only"));
    }
}
