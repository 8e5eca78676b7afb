using Sweep.Core.Lora;
using Sweep.Core.Specs;
using Sweep.Training.Lora;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using Xunit.Abstractions;

namespace Sweep.Training.Tests.Lora;

public sealed class LoraTrainerTests(ITestOutputHelper output) : TorchTestBase
{
    private static LoraOutcome Train(LoraTrial trial) =>
        LoraTrainer.Train(trial, LoraTestSetup.Base.Checkpoint, TorchDevice.Cpu, null, CancellationToken.None);

    [Fact]
    public void The_base_learns_its_classes_and_knows_nothing_of_the_new_ones()
    {
        var pretrained = LoraTestSetup.Base;
        output.WriteLine(pretrained.ToString());

        Assert.True(pretrained.Train.Error < 0.1, $"pretraining train error {pretrained.Train.Error} (chance 0.75)");
        var before = Train(LoraTestSetup.Trial(epochs: 0, bits: 16));
        Assert.True(before.Metrics.TrainError > 0.95, $"base on the new classes: error {before.Metrics.TrainError}");
    }

    [Theory]
    [InlineData(LoraMode.BOnly)]
    [InlineData(LoraMode.AOnly)]
    [InlineData(LoraMode.Both)]
    public void Fine_tuning_learns_the_new_classes_with_quantized_adapters(LoraMode mode)
    {
        var outcome = Train(LoraTestSetup.Trial(mode));
        var metrics = outcome.Metrics;
        output.WriteLine($"{mode}: {metrics}");

        Assert.True(metrics.TrainError < 0.1, $"train error {metrics.TrainError} (chance 0.75)");
        Assert.True(metrics.TestError < 0.1, $"test error {metrics.TestError} (chance 0.75)");
        Assert.Equal(outcome.TrainableParameters, outcome.Adapters.Length);
        Assert.Equal(600, outcome.N);
        Assert.Equal(20 * 10, metrics.Steps);
        Assert.Equal(20 * 32 + 32 + 32 * 32 + 32 + 32 * 8 + 8, metrics.ParameterCount);
        var quantizer = new UniformQuantizer(256, 1);
        Assert.All(outcome.Adapters, v => Assert.Equal(quantizer.Quantize(v), v, tolerance: 1e-6));
        var bound = outcome.Bound();
        Assert.Equal(outcome.TrainableParameters, bound.TrainableParameters);
        Assert.Equal(Math.Sqrt(2 * 0.25 * outcome.TrainableParameters * 8 * Math.Log(2) / 600), bound.Value, 12);
    }

    [Fact]
    public void Identical_trials_give_bit_identical_metrics_and_adapters()
    {
        var trial = LoraTestSetup.Trial(LoraMode.Both, rank: 3, epochs: 2);

        var first = Train(trial);
        var second = Train(trial);
        var otherSeed = Train(LoraTestSetup.Trial(LoraMode.Both, rank: 3, epochs: 2, seed: 2));

        Assert.Equal(first.Metrics with { Seconds = 0 }, second.Metrics with { Seconds = 0 });
        Assert.Equal(first.Adapters, second.Adapters);
        Assert.NotEqual(first.Adapters, otherSeed.Adapters);
    }

    [Fact]
    public void Huge_learning_rate_raises_trial_diverged()
    {
        var trial = LoraTestSetup.Trial(LoraMode.Both, optimizer: OptimizerKind.Sgd, learningRate: 1e30, epochs: 1, aware: false);

        var error = Assert.Throws<TrialDivergedException>(() => Train(trial));

        Assert.Contains("diverged", error.Message);
    }

    [Fact]
    public void Pretraining_is_deterministic_and_its_checkpoint_is_reused_only_for_the_same_stage()
    {
        var folder = Directory.CreateTempSubdirectory("sweep-pretrain-").FullName;
        try
        {
            var path = Path.Combine(folder, "base.ckpt");
            var stage = LoraTestSetup.PretrainStage();

            var made = Pretrainer.LoadOrPretrain(stage, path, TorchDevice.Cpu, null, CancellationToken.None);
            var reused = Pretrainer.LoadOrPretrain(stage, path, TorchDevice.Cpu, null, CancellationToken.None);

            Assert.Equal(LoraTestSetup.Base.Checkpoint.Parameters, made.Parameters);
            Assert.Equal(made.Parameters, reused.Parameters);
            var error = Assert.Throws<InvalidDataException>(() =>
                Pretrainer.LoadOrPretrain(LoraTestSetup.PretrainStage(seed: 4), path, TorchDevice.Cpu, null, CancellationToken.None));
            Assert.Contains($"'{path}'", error.Message);
            Assert.Contains("different pretraining stage", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
