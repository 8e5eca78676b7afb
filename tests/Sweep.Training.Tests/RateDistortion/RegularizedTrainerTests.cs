using Sweep.Core.RateDistortion;
using Sweep.Core.Specs;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.RateDistortion;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;

namespace Sweep.Training.Tests.RateDistortion;

public sealed class RegularizedTrainerTests(ITestOutputHelper output) : TorchTestBase
{
    [Fact]
    public void Lambda_zero_is_plain_training_of_all_weights()
    {
        var trial = TestTrials.Synthetic(d: 30, epochs: 2, aware: false);

        var regularized = RegularizedTrainer.Train(trial, Lambda(0), TorchDevice.Cpu, null, CancellationToken.None);
        var plain = TrainAllWeights(trial);

        Assert.Equal(plain.Train, regularized.Full.Train);
        Assert.Equal(plain.Test, regularized.Full.Test);
        Assert.True(regularized.Distortion > 0.1, $"plain training leaves the subspace: distortion {regularized.Distortion}");
    }

    [Fact]
    public void A_penalty_that_projects_every_step_compresses_with_small_distortion_and_matches_subspace_training()
    {
        // With SGD, a huge λ makes the proximal step project θ − θ0 onto span(Θ) after every step: projected gradient
        // descent, which for orthonormal Θ is exactly subspace training of w' = Θᵀ(θ − θ0).
        const double rate = 0.2;
        var trial = TestTrials.Synthetic(d: 30, optimizer: OptimizerKind.Sgd, learningRate: rate, epochs: 5, aware: false) with
        {
            Quantization = new QuantizationSpec(Levels: 256, Range: 3, Aware: false),
        };

        var free = RegularizedTrainer.Train(trial, Lambda(0), TorchDevice.Cpu, null, CancellationToken.None);
        var pulled = RegularizedTrainer.Train(trial, Lambda(1e9), TorchDevice.Cpu, null, CancellationToken.None);
        var subspace = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);
        output.WriteLine($"distortion λ=0 {free.Distortion:F4}, λ=1e9 {pulled.Distortion:F4}; compressed test error {pulled.Compressed.Test.Error:F4} vs subspace {subspace.Metrics.TestError:F4}");

        // What remains is the rounding onto 256 levels on [−3, 3] (at most 0.0118 per coordinate, √30·0.0118 = 0.065 in all).
        Assert.True(pulled.Distortion < 0.07, $"distortion {pulled.Distortion} vs {free.Distortion} unpenalized");
        Assert.Equal(subspace.WPrime, pulled.WPrime, (a, b) => Math.Abs(a - b) <= 0.0236f);
        Assert.True(Math.Abs(pulled.Compressed.Test.Error - subspace.Metrics.TestError) <= 0.01,
            $"compressed test error {pulled.Compressed.Test.Error} vs subspace training {subspace.Metrics.TestError}");
        Assert.True(pulled.TestDisagreement.Rate <= 0.05, $"θ and θ̃ disagree on {pulled.TestDisagreement.Rate} of the test inputs");
        Assert.True(free.TestDisagreement.Rate > pulled.TestDisagreement.Rate);
    }

    [Fact]
    public void Outcome_reports_the_compressed_network_on_the_quantization_grid_and_the_segment_norms()
    {
        var trial = TestTrials.Synthetic(d: 30, epochs: 1, aware: false) with
        {
            Quantization = new QuantizationSpec(Levels: 5, Range: 1, Aware: false),
        };

        var outcome = RegularizedTrainer.Train(trial, Lambda(0.01), TorchDevice.Cpu, null, CancellationToken.None);

        Assert.Equal(30, outcome.WPrime.Length);
        Assert.All(outcome.WPrime, v => Assert.Contains(v, new[] { -1f, -0.5f, 0f, 0.5f, 1f }));
        Assert.Equal(1000, outcome.TrainDisagreement.Inputs);
        Assert.Equal(500, outcome.TestDisagreement.Inputs);
        Assert.NotNull(outcome.Layers);
        Assert.Equal(2, outcome.Layers!.SpectralNorms.Length);
        Assert.All(outcome.Layers.SpectralNorms, s => Assert.True(s > 0));
        Assert.Equal(804, outcome.ParameterCount);
        Assert.Equal(16, outcome.Steps);
        Assert.InRange(outcome.FullSurrogateTrainLoss, 0, 1);
        Assert.True(outcome.FullSurrogateTrainLoss <= outcome.Full.Train.Loss / (Math.Log(4) * 2) + 1e-9, "the cap only lowers the loss");
    }

    private static RegularizedTrialConfig Lambda(double lambda) => new(lambda, LossCap: Math.Log(4) * 2, Confidence: 0.95);

    private static NetworkPair TrainAllWeights(Sweep.Core.Trials.TrialConfig trial)
    {
        TorchRuntime.ApplyToCurrentThread();
        var data = DatasetLoader.Load(trial.Dataset, trial.Seeds.Data);
        var network = NetworkFactory.Create(trial.Model);
        using var generator = new torch.Generator(unchecked((ulong)trial.Seeds.Init), torch.CPU);
        using var theta = new Parameter(network.InitialParameters(generator));
        using var train = new DeviceDataset(data.Train, torch.CPU);
        using var test = new DeviceDataset(data.Test, torch.CPU);
        TrainingLoop.Run(trial.Training, train, trial.Seeds.BatchOrder, [theta], x => network.Forward(theta, x), null, CancellationToken.None);
        using var detached = theta.detach();
        return new NetworkPair(NetworkEvaluator.Evaluate(network, detached, train), NetworkEvaluator.Evaluate(network, detached, test));
    }
}
