using Sweep.Training.Projections;
using TorchSharp;

namespace Sweep.Training.Tests.Projections;

public sealed class WalshHadamardTests : TorchTestBase
{
    /// <summary>L = 2^7 takes a 4-bit and a 3-bit stage, L = 2^12 three 4-bit ones: both must equal the Sylvester matrix.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(128)]
    [InlineData(4096)]
    public void Fast_transform_equals_the_explicit_Sylvester_Hadamard_matrix(long length)
    {
        using var hadamard = new WalshHadamard(length, torch.CPU);
        using var explicitH = Sylvester(length);
        using var generator = new torch.Generator(1, torch.CPU);
        using var x = torch.randn([length], generator: generator, dtype: torch.ScalarType.Float64).to(torch.ScalarType.Float32);

        using var fast = hadamard.Apply(x);
        using var slow = explicitH.matmul(x);
        using var difference = (fast - slow).abs().max();

        Assert.True(difference.ToSingle() < 1e-3f * Math.Sqrt(length), $"max |difference| = {difference.ToSingle()}");
        using var twice = hadamard.Apply(fast);
        using var back = (twice / length - x).abs().max();
        Assert.True(back.ToSingle() < 1e-4f, "H·H = L·I");
    }

    [Fact]
    public void Refuses_a_length_that_is_not_a_power_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WalshHadamard(96, torch.CPU));
    }

    private static torch.Tensor Sylvester(long length)
    {
        var h = torch.ones(1, 1);
        for (var n = 1L; n < length; n *= 2)
        {
            var next = torch.cat([torch.cat([h, h], 1), torch.cat([h, -h], 1)], 0);
            h.Dispose();
            h = next;
        }

        return h;
    }
}
