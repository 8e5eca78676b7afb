using Sweep.Core.Bounds;
using Sweep.Core.Lora;
using Sweep.Training.Data;
using Sweep.Training.Lora;
using Sweep.Training.Models;
using Sweep.Training.Subspace;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Lora;

public sealed class LoraNetworkTests : TorchTestBase
{
    private static LoraNetwork Create(LoraTrial trial) => LoraNetwork.Create(
        NetworkFactory.Create(LoraTestSetup.Model),
        LoraTrainer.BaseParameters(LoraTestSetup.Base.Checkpoint, CPU),
        trial.Lora,
        trial.Seeds,
        CPU);

    [Theory]
    [InlineData(LoraMode.BOnly, 3, 3 * (32 + 32 + 8))]
    [InlineData(LoraMode.AOnly, 3, 3 * (20 + 32 + 32))]
    [InlineData(LoraMode.Both, 3, 3 * (20 + 32 + 32 + 32 + 32 + 8))]
    [InlineData(LoraMode.BOnly, 16, 16 * (32 + 32 + 8))]
    [InlineData(LoraMode.AOnly, 16, 16 * (20 + 32 + 32))]
    public void Trainable_parameter_counts_are_exact_for_every_mode(LoraMode mode, int rank, long expected)
    {
        using var model = Create(LoraTestSetup.Trial(mode, rank));

        Assert.Equal(expected, model.TrainableParameterCount);
        Assert.Equal(expected, model.TrainableParameters.Sum(p => p.numel()));
        Assert.Equal(expected, LoraQuantizationBound.TrainableParameters(mode, rank, model.Shapes));
        Assert.Equal([new AdaptedShape(20, 32), new AdaptedShape(32, 32), new AdaptedShape(32, 8)], model.Shapes);
    }

    [Fact]
    public void Only_the_chosen_layers_are_adapted()
    {
        using var model = Create(LoraTestSetup.Trial(LoraMode.Both, rank: 2, layers: [2, 0]));

        Assert.Equal([0, 2], model.Adapters.Select(a => a.Layer));
        Assert.Equal(2 * (20 + 32) + 2 * (32 + 8), model.TrainableParameterCount);
    }

    [Fact]
    public void A_missing_layer_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(LoraTestSetup.Trial(layers: [3])));

        Assert.Contains("layer 3 does not exist", error.Message);
        Assert.Contains("3 linear layers", error.Message);
    }

    [Theory]
    [InlineData(LoraMode.BOnly)]
    [InlineData(LoraMode.AOnly)]
    [InlineData(LoraMode.Both)]
    public void Adapters_start_at_the_base_network_exactly(LoraMode mode)
    {
        using var model = Create(LoraTestSetup.Trial(mode, rank: 4));

        foreach (var adapter in model.Adapters)
        {
            var zero = mode == LoraMode.AOnly ? adapter.A : adapter.B;
            var other = mode == LoraMode.AOnly ? adapter.B : adapter.A;
            Assert.Equal(0, zero.abs().max().ToSingle());
            Assert.True(other.abs().max().ToSingle() > 0);
        }

        using var theta = model.Parameters();
        Assert.Equal(LoraTestSetup.Base.Checkpoint.Parameters, theta.data<float>().ToArray());
    }

    [Theory]
    [InlineData(LoraMode.BOnly, 4)]
    [InlineData(LoraMode.AOnly, 4)]
    [InlineData(LoraMode.AOnly, 16)] // r > d_out = 8 of the head: B then has orthonormal rows instead.
    public void The_frozen_factor_is_semi_orthogonal_and_receives_no_gradient(LoraMode mode, int rank)
    {
        using var model = Create(LoraTestSetup.Trial(mode, rank));

        foreach (var adapter in model.Adapters)
        {
            var frozen = mode == LoraMode.BOnly ? adapter.A : adapter.B;
            Assert.False(frozen.requires_grad);
            Assert.DoesNotContain(model.TrainableParameters, p => ReferenceEquals(p, frozen));
            var small = frozen.shape[0] <= frozen.shape[1] ? frozen.matmul(frozen.t()) : frozen.t().matmul(frozen);
            Assert.True(small.allclose(torch.eye(small.shape[0]), atol: 1e-5), $"layer {adapter.Layer}: not semi-orthogonal");
        }
    }

    [Theory]
    [InlineData(LoraMode.BOnly)]
    [InlineData(LoraMode.AOnly)]
    public void Training_leaves_the_frozen_factor_and_the_base_bitwise_unchanged(LoraMode mode)
    {
        var trial = LoraTestSetup.Trial(mode, rank: 2, epochs: 1);
        var data = DatasetLoader.Load(trial.Dataset, trial.Seeds.Data, trial.Lora.Classes);
        using var train = new DeviceDataset(data.Train, CPU);
        using var model = Create(trial);
        var frozenBefore = model.Adapters.Select(a => Values(mode == LoraMode.BOnly ? a.A : a.B)).ToArray();
        var trainedBefore = model.Adapters.Select(a => Values(mode == LoraMode.BOnly ? a.B : a.A)).ToArray();
        var baseBefore = Values(model.BaseParameters);

        var steps = LoraTrainer.Fit(model, train, trial, new UniformQuantizer(trial.Lora.Levels, trial.Lora.Range), null, CancellationToken.None);

        Assert.Equal(10, steps);
        for (var i = 0; i < model.Adapters.Count; i++)
        {
            var adapter = model.Adapters[i];
            var frozen = mode == LoraMode.BOnly ? adapter.A : adapter.B;
            var trained = mode == LoraMode.BOnly ? adapter.B : adapter.A;
            Assert.Equal(frozenBefore[i], Values(frozen));
            Assert.True(frozen.grad is null, $"layer {adapter.Layer}: the frozen factor got a gradient");
            Assert.NotEqual(trainedBefore[i], Values(trained));
        }

        Assert.Equal(baseBefore, Values(model.BaseParameters));
    }

    private static float[] Values(Tensor t) => t.detach().contiguous().data<float>().ToArray();
}
