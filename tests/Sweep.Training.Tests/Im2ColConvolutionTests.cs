using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.Tests;

public sealed class Im2ColConvolutionTests : TorchTestBase
{
    [Theory]
    [InlineData(1, 8, 3)]
    [InlineData(8, 4, 3)]
    [InlineData(3, 7, 5)]
    public void Same_padded_convolution_and_its_input_gradient_match_a_double_precision_conv2d(int channels, int side, int kernel)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(11, torch.CPU);
        var input = torch.randn([5, channels, side, side], generator: generator);
        var weight = torch.randn([6, channels, kernel, kernel], generator: generator);
        var bias = torch.randn([6], generator: generator);
        var upstream = torch.randn([5, 6, side, side], generator: generator);

        var x = input.clone().requires_grad_(true);
        var ours = Im2ColConvolution.Same(x, weight, bias);
        (ours * upstream).sum().backward();
        var reference = input.to(ScalarType.Float64).requires_grad_(true);
        var expected = F.conv2d(reference, weight.to(ScalarType.Float64), bias.to(ScalarType.Float64), padding: [kernel / 2, kernel / 2]);
        (expected * upstream.to(ScalarType.Float64)).sum().backward();

        Assert.Equal(expected.shape, ours.shape);
        Assert.True((ours.to(ScalarType.Float64) - expected).abs().max().ToDouble() < 1e-4);
        Assert.True((x.grad!.to(ScalarType.Float64) - reference.grad!).abs().max().ToDouble() < 1e-4);
    }

    [Fact]
    public void The_cnns_gradient_is_the_same_on_every_repetition()
    {
        // libtorch's float conv2d gave a different (garbage) input gradient 2-3 times in 500 at 8 input channels; this
        // CNN's second convolution has 8. Its gradient must come out bit-identical every time.
        var network = new FunctionalCnn(new Core.Specs.CnnSpec(Side: 8, Filters: 8, SecondFilters: 8, Classes: 4));
        using var generator = new torch.Generator(3, torch.CPU);
        using var theta0 = network.InitialParameters(generator);
        using var x = torch.randn([32, 64], generator: generator);
        using var y = torch.randint(4, [32], generator: generator);
        Tensor? first = null;
        for (var repetition = 0; repetition < 300; repetition++)
        {
            using var scope = torch.NewDisposeScope();
            var theta = theta0.clone().requires_grad_(true);
            F.cross_entropy(network.Forward(theta, x), y).backward();
            if (first is null)
            {
                first = theta.grad!.clone().MoveToOuterDisposeScope();
                Assert.True(first.isfinite().all().ToBoolean());
            }
            else
            {
                Assert.Equal(0, (theta.grad! - first).abs().max().ToDouble());
            }
        }

        first?.Dispose();
    }
}
