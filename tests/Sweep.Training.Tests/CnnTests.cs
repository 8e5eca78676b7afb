using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.Runtime;
using Sweep.Training.Projections;
using Sweep.Training.Subspace;
using TorchSharp;
using TorchSharp.Modules;

namespace Sweep.Training.Tests;

public sealed class CnnTests : TorchTestBase
{
    private static readonly CnnSpec Tiny = new(Side: 8, Channels: 1, Filters: 6, Kernel: 3, SecondFilters: 4, SecondKernel: 3, Classes: 2);

    [Fact]
    public void A_cnn_spec_builds_a_network_of_its_parameter_count()
    {
        var model = new ModelSpec(ModelKind.Cnn, [64, 4]) { Cnn = new CnnSpec(Side: 8, Filters: 8, SecondFilters: 8, Classes: 4) };

        Assert.Equal(model.ParameterCount, NetworkFactory.Create(model).ParameterCount);
        Assert.Throws<ArgumentException>(() => NetworkFactory.Create(new ModelSpec(ModelKind.Cnn, [64, 4])));
    }

    [Fact]
    public void Parameter_count_matches_the_layout()
    {
        // 32 filters 3×3 on 28×28: (9 + 1)·32 + (288 + 1)·32 + (32·7·7 + 1)·10 = 320 + 9,248 + 15,690.
        var network = new FunctionalCnn(new CnnSpec());

        Assert.Equal(25_258L, network.ParameterCount);
        Assert.Equal(new CnnSpec().ParameterCount, network.ParameterCount);
    }

    [Theory]
    [InlineData(2, "odd")]
    [InlineData(0, "odd")]
    public void Even_or_empty_kernels_are_refused(int kernel, string reason)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FunctionalCnn(new CnnSpec(Kernel: kernel)));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Forward_gives_logits_per_image_on_three_channels()
    {
        var network = new FunctionalCnn(new CnnSpec(Side: 12, Channels: 3, Filters: 5, Kernel: 5, SecondFilters: 7, Classes: 4));
        using var generator = new torch.Generator(1, torch.CPU);
        using var theta = network.InitialParameters(generator);
        using var x = torch.randn(6, 3 * 12 * 12);
        using var logits = network.Forward(theta, x);

        Assert.Equal([6L, 4L], logits.shape);
    }

    [Fact]
    public void First_layer_filters_are_the_conv1_weights_of_theta()
    {
        var network = new FunctionalCnn(Tiny);
        using var generator = new torch.Generator(3, torch.CPU);
        using var theta = network.InitialParameters(generator);
        var values = theta.data<float>().ToArray();

        var filters = FirstLayerFilters.Extract(network.Layout, values);

        Assert.Equal((6, 9), (filters.Count, filters.Dimension));
        Assert.Equal(values[4], filters[0, 4]);
        Assert.Equal(values[9 * 5 + 8], filters[5, 8]);
        Assert.Throws<ArgumentException>(() => FirstLayerFilters.Extract(network.Layout, values.AsSpan(1)));
    }

    [Fact]
    public void Full_training_learns_bars_and_the_trained_first_layer_filters_come_out_of_theta()
    {
        var network = new FunctionalCnn(Tiny);
        using var generator = new torch.Generator(3, torch.CPU);
        using var train = new DeviceDataset(Bars(400, seed: 1), torch.CPU);
        using var theta = new Parameter(network.InitialParameters(generator));
        var initial = FirstLayerFilters.Extract(network.Layout, theta.detach().data<float>().ToArray());

        TrainingLoop.Run(new TrainingSpec(OptimizerKind.Adam, 0.01, Epochs: 8, Steps: null, BatchSize: 32), train, 5, [theta], x => network.Forward(theta, x), null, CancellationToken.None);

        using var noGrad = torch.no_grad();
        var error = NetworkEvaluator.Evaluate(network, theta, train).Error;
        Assert.True(error < 0.05, $"train error {error} (chance 0.5)");
        var values = theta.detach().data<float>().ToArray();
        var filters = FirstLayerFilters.Extract(network.Layout, values);
        Assert.Equal((6, 9), (filters.Count, filters.Dimension));
        Assert.Equal(values[4], filters[0, 4]);
        Assert.Equal(values[9 + 2], filters[1, 2]);
        Assert.NotEqual(initial[0, 4], filters[0, 4]);
    }

    [Fact]
    public void Subspace_training_of_the_cnn_learns_bars()
    {
        // d = 40 of D = 6·10 + 4·55 + 2·17 = 314 parameters.
        var network = new FunctionalCnn(Tiny);
        using var generator = new torch.Generator(4, torch.CPU);
        using var train = new DeviceDataset(Bars(400, seed: 2), torch.CPU);
        var projection = new DenseProjection(RandomProjection.Create(ProjectionKind.Orthonormal, network.ParameterCount, 40, 6, torch.CPU));
        using var model = new SubspaceModel(network, network.InitialParameters(generator), projection, projection);
        using var wPrime = new Parameter(torch.zeros(40));

        TrainingLoop.Run(new TrainingSpec(OptimizerKind.Adam, 0.05, Epochs: 10, Steps: null, BatchSize: 32), train, 7, [wPrime], x => model.Logits(wPrime, x), null, CancellationToken.None);

        var error = SubspaceEvaluator.Evaluate(model, train, wPrime.detach()).Error;
        Assert.True(error < 0.1, $"train error {error} (chance 0.5)");
    }

    [Fact]
    public void A_cnn_spec_trains_through_the_subspace_trainer_like_any_model()
    {
        // model.kind: cnn on a 64-feature (8×8) Gaussian-mixture task, d = 60, through the production trainer.
        var task = new SyntheticSpec(Features: 64, Classes: 4, Separation: 6, PoolSize: 2000, Seed: 7);
        var model = new ModelSpec(ModelKind.Cnn, [64, 4]) { Cnn = new CnnSpec(Side: 8, Filters: 8, SecondFilters: 8, Classes: 4) };
        var trial = TestTrials.Synthetic(d: 60, epochs: 10) with { Dataset = new DatasetSpec(DatasetKind.Synthetic, null, 500, 200, task), Model = model };

        var outcome = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);

        Assert.Equal(model.ParameterCount, NetworkFactory.Create(model).ParameterCount);
        Assert.Equal(model.ParameterCount, outcome.Metrics.ParameterCount);
        Assert.True(outcome.Metrics.TrainError < 0.3, $"train error {outcome.Metrics.TrainError} (chance 0.75)");
    }

    [Fact]
    public void A_network_without_convolution_has_no_filters()
    {
        var mlp = new FunctionalMlp([4, 3, 2]);

        Assert.Throws<ArgumentException>(() => FirstLayerFilters.Extract(mlp.Layout, new float[mlp.ParameterCount]));
    }

    /// <summary>8×8 images of one bright bar, vertical (class 0) or horizontal (class 1), at a random row or column, with Gaussian noise σ = 0.3.</summary>
    private static TabularDataset Bars(int count, long seed)
    {
        var random = new SplitMix64(seed);
        var features = new float[count * 64];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.NextInt(2);
            var at = 1 + random.NextInt(6);
            for (var y = 0; y < 8; y++)
            {
                for (var x = 0; x < 8; x++)
                {
                    var on = labels[i] == 0 ? x == at : y == at;
                    features[i * 64 + y * 8 + x] = (float)((on ? 1 : 0) + 0.3 * random.NextGaussian());
                }
            }
        }

        return new TabularDataset(features, labels, 64, 2);
    }
}
