using Sweep.Core.Specs;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using Xunit.Abstractions;

namespace Sweep.Training.Tests;

public sealed class SubspaceTrainerTests(ITestOutputHelper output) : TorchTestBase
{
    [Fact]
    public void Learns_a_separable_task_in_a_small_subspace()
    {
        var trial = TestTrials.Synthetic();
        var progress = new List<TrainingProgress>();

        var outcome = SubspaceTrainer.Train(trial, TorchDevice.Cpu, progress.Add, CancellationToken.None);

        var metrics = outcome.Metrics;
        output.WriteLine(metrics.ToString());
        Assert.True(metrics.TrainError < 0.15, $"train error {metrics.TrainError} (chance is 0.75)");
        Assert.True(metrics.TestError < 0.2, $"test error {metrics.TestError} (chance is 0.75)");
        Assert.True(metrics.TrainLoss < Math.Log(4) / 2, $"train loss {metrics.TrainLoss} nats (chance is ln 4)");
        Assert.Equal(804, metrics.ParameterCount);
        Assert.Equal(5 * 16, metrics.Steps);
        Assert.Equal(30, outcome.WPrime.Length);
        Assert.Equal(Math.Sqrt(outcome.WPrime.Sum(v => (double)v * v)), metrics.WPrimeNorm, 9);
        Assert.InRange(metrics.ClippedFraction, 0, 1);
        Assert.True(metrics.Seconds > 0);
        Assert.Equal(1, progress[0].Step);
        Assert.Equal(metrics.Steps, progress[^1].Step);
        Assert.All(progress, p => Assert.Equal(metrics.Steps, p.TotalSteps));
        Assert.True(progress[^1].Loss < progress[0].Loss);
    }

    [Fact]
    public void Identical_trials_give_bit_identical_results_even_when_run_concurrently()
    {
        var trial = TestTrials.Synthetic(epochs: 2, aware: false);

        var reference = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);
        // Each trainer slot runs on its own thread. A fresh OS thread starts with OpenMP's and MKL's default thread
        // count, so the first trial on a thread is the one that differed when only the configuring thread had 1
        // thread: compare the first trial on this thread with a later one, and with first trials on fresh threads.
        var again = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);
        Assert.Equal(reference.Metrics with { Seconds = 0 }, again.Metrics with { Seconds = 0 });
        for (var round = 0; round < 4; round++)
        {
            foreach (var other in TrainOnFreshThreads(trial, 2 + round % 3))
            {
                Assert.Equal(reference.Metrics with { Seconds = 0 }, other.Metrics with { Seconds = 0 });
                Assert.Equal(reference.WPrime, other.WPrime);
            }
        }

        var differentSeed = SubspaceTrainer.Train(TestTrials.Synthetic(epochs: 2, aware: false, seed: 2), TorchDevice.Cpu, null, CancellationToken.None);
        Assert.NotEqual(reference.WPrime, differentSeed.WPrime);
    }

    [Fact]
    public void Evaluates_with_the_quantized_w_prime_even_without_aware_training()
    {
        var trial = TestTrials.Synthetic(epochs: 1, aware: false) with
        {
            Quantization = new QuantizationSpec(Levels: 3, Range: 0.5, Aware: false),
        };

        var outcome = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);

        Assert.All(outcome.WPrime, v => Assert.Contains(v, new[] { -0.5f, 0f, 0.5f }));
        Assert.Contains(outcome.WPrime, v => v != 0);
    }

    [Fact]
    public void Huge_learning_rate_raises_trial_diverged()
    {
        var trial = TestTrials.Synthetic(optimizer: OptimizerKind.Sgd, learningRate: 1e30, epochs: 1, aware: false);

        var error = Assert.Throws<TrialDivergedException>(() => SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None));

        Assert.InRange(error.Step, 1, 16);
        Assert.Contains("diverged", error.Message);
        Assert.Contains($"at step {error.Step}", error.Message);
        Assert.Contains("learning rate 1e+30", error.Message);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cancellation = new CancellationTokenSource();
        var trial = TestTrials.Synthetic(epochs: 1000);

        Assert.ThrowsAny<OperationCanceledException>(() => SubspaceTrainer.Train(
            trial,
            TorchDevice.Cpu,
            p =>
            {
                if (p.Step >= 3)
                {
                    cancellation.Cancel();
                }
            },
            cancellation.Token));
    }

    [Fact]
    public void Model_and_dataset_shapes_must_agree()
    {
        var trial = TestTrials.Synthetic() with { Model = new ModelSpec(ModelKind.Mlp, [21, 8, 4]) };

        var error = Assert.Throws<ArgumentException>(() => SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None));

        Assert.Contains("20 features", error.Message);
    }

    [Fact]
    public void Trains_lenet5_in_a_dense_subspace()
    {
        var task = new SyntheticSpec(Features: 784, Classes: 10, Separation: 4, PoolSize: 100, Seed: 3);
        var trial = TestTrials.Synthetic(d: 12) with
        {
            Dataset = new DatasetSpec(DatasetKind.Synthetic, null, TrainSize: 64, TestSize: 32, task),
            Model = new ModelSpec(ModelKind.LeNet5, [784, 10]),
            Projection = new ProjectionSpec(ProjectionKind.Dense),
            Training = new TrainingSpec(OptimizerKind.Sgd, 0.1, Epochs: 1, Steps: 5, BatchSize: 16),
        };

        var outcome = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);

        Assert.Equal(61_706, outcome.Metrics.ParameterCount);
        Assert.Equal(5, outcome.Metrics.Steps);
        Assert.True(double.IsFinite(outcome.Metrics.TrainLoss) && double.IsFinite(outcome.Metrics.TestLoss));
        Assert.Equal(12, outcome.WPrime.Length);
    }

    private static TrainingOutcome[] TrainOnFreshThreads(Sweep.Core.Trials.TrialConfig trial, int count)
    {
        var outcomes = new TrainingOutcome[count];
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                outcomes[i] = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.All(errors, Assert.Null);
        return outcomes;
    }
}
