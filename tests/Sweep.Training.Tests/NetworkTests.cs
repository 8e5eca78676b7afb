using Sweep.Core.Specs;
using Sweep.Training.Models;
using TorchSharp;

namespace Sweep.Training.Tests;

public sealed class NetworkTests : TorchTestBase
{
    [Theory]
    [InlineData(new[] { 784, 200, 200, 10 }, 199_210L)]
    [InlineData(new[] { 20, 32, 4 }, 804L)]
    public void Mlp_parameter_count_matches_the_spec(int[] widths, long expected)
    {
        var spec = new ModelSpec(ModelKind.Mlp, widths);

        Assert.Equal(expected, spec.ParameterCount);
        Assert.Equal(spec.ParameterCount, NetworkFactory.Create(spec).ParameterCount);
    }

    [Fact]
    public void LeNet5_parameter_count_matches_the_spec()
    {
        var spec = new ModelSpec(ModelKind.LeNet5, [784, 10]);

        // 156 + 2,416 + 48,120 + 10,164 + 850 (conv1, conv2, fc 400-120, 120-84, 84-10, each with biases).
        Assert.Equal(61_706L, spec.ParameterCount);
        Assert.Equal(spec.ParameterCount, NetworkFactory.Create(spec).ParameterCount);
    }

    [Theory]
    [InlineData(ModelKind.Mlp)]
    [InlineData(ModelKind.LeNet5)]
    public void Forward_gives_one_row_of_logits_per_input(ModelKind kind)
    {
        var network = NetworkFactory.Create(new ModelSpec(kind, kind == ModelKind.Mlp ? [784, 16, 7] : [784, 7]));
        using var generator = new torch.Generator(1, torch.CPU);
        using var theta = network.InitialParameters(generator);
        using var x = torch.randn(5, 784);
        using var logits = network.Forward(theta, x);

        Assert.Equal([5L, 7L], logits.shape);
        Assert.Equal([network.ParameterCount], theta.shape);
    }

    [Fact]
    public void Initial_parameters_follow_the_seed_and_pytorch_bounds()
    {
        var network = new FunctionalMlp([100, 30, 3]);
        using var g1 = new torch.Generator(5, torch.CPU);
        using var g2 = new torch.Generator(5, torch.CPU);
        using var a = network.InitialParameters(g1);
        using var b = network.InitialParameters(g2);

        var values = a.data<float>().ToArray();
        Assert.Equal(values, b.data<float>().ToArray());
        var firstLayer = values[..(100 * 30 + 30)];
        var secondLayer = values[(100 * 30 + 30)..];
        Assert.All(firstLayer, v => Assert.InRange(Math.Abs(v), 0, 0.1f));
        Assert.All(secondLayer, v => Assert.InRange(Math.Abs(v), 0, 1 / MathF.Sqrt(30)));
        Assert.True(secondLayer.Max(Math.Abs) > 0.15f, "the second layer should use its own, wider bound");
    }

    [Fact]
    public void Gradient_flows_from_the_logits_to_theta()
    {
        var network = new FunctionalLeNet5(10);
        using var generator = new torch.Generator(2, torch.CPU);
        using var theta = network.InitialParameters(generator).requires_grad_();
        using var x = torch.randn(3, 784);
        using var loss = network.Forward(theta, x).sum();

        loss.backward();

        Assert.Equal([network.ParameterCount], theta.grad!.shape);
        Assert.True(theta.grad!.abs().sum().ToSingle() > 0);
    }
}
