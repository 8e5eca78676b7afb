using Sweep.Core.Specs;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;

namespace Sweep.Training.Tests;

public sealed class FullTrainerTests : TorchTestBase
{
    [Fact]
    public void The_baseline_trains_all_D_weights_and_beats_a_tiny_subspace_on_the_same_seeds()
    {
        var subspace = TestTrials.Synthetic(d: 2, epochs: 2, aware: false, learningRate: 0.01);
        var baseline = subspace with { IntrinsicDimension = 0, Projection = ProjectionSpec.FullTraining };

        var full = SubspaceTrainer.Train(baseline, TorchDevice.Cpu, null, CancellationToken.None);
        var small = SubspaceTrainer.Train(subspace, TorchDevice.Cpu, null, CancellationToken.None);
        var again = SubspaceTrainer.Train(baseline, TorchDevice.Cpu, null, CancellationToken.None);

        Assert.Equal(804, full.Metrics.ParameterCount);
        Assert.Empty(full.WPrime);
        Assert.True(full.Metrics.WPrimeNorm > 0, "θ moved away from θ0");
        Assert.Equal(full.Metrics.TrainError, full.Metrics.TrainErrorUnquantized);
        Assert.True(full.Metrics.TestError < 0.1, $"baseline test error {full.Metrics.TestError}");
        Assert.True(full.Metrics.TrainLoss < small.Metrics.TrainLoss, $"full {full.Metrics.TrainLoss} vs d = 2 {small.Metrics.TrainLoss}");
        Assert.Equal(full.Metrics with { Seconds = 0 }, again.Metrics with { Seconds = 0 });
    }
}
