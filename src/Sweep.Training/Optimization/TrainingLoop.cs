using Sweep.Core.Specs;
using Sweep.Training.Data;
using Sweep.Training.Subspace;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Optimization;

/// <summary>
/// Minibatch training of some parameters: <see cref="TrainingSpec.Steps"/> steps, else
/// <see cref="TrainingSpec.Epochs"/> passes, in the order a <see cref="BatchSchedule"/> seeded with the batch seed
/// gives. Blocking; run it on a dedicated thread.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Trains and returns the number of steps taken. <paramref name="afterStep"/>, when given, runs after every
    /// optimizer step (a proximal step of a penalty, say) and before the divergence check.
    /// </summary>
    /// <exception cref="TrialDivergedException">The loss or a parameter became non-finite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (checked every step).</exception>
    public static int Run(
        TrainingSpec training,
        DeviceDataset train,
        long batchSeed,
        IReadOnlyList<Parameter> parameters,
        Func<Tensor, Tensor> logits,
        Action<TrainingProgress>? onProgress,
        CancellationToken ct,
        Action? afterStep = null)
    {
        var schedule = new BatchSchedule(train.Count, training.BatchSize, batchSeed);
        var totalSteps = training.Steps ?? checked(training.Epochs * schedule.BatchesPerEpoch);
        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        using var optimizer = OptimizerFactory.Create(training, parameters);
        var reportEvery = Math.Max(1, totalSteps / 100);
        for (var step = 1; step <= totalSteps; step++)
        {
            ct.ThrowIfCancellationRequested();
            var loss = MinibatchStep.Run(train, schedule.Next(), logits, optimizer);
            afterStep?.Invoke();
            if (!double.IsFinite(loss))
            {
                throw new TrialDivergedException(step, loss, training.LearningRate);
            }

            if (!AllFinite(parameters))
            {
                throw TrialDivergedException.NonFiniteWeights(step, loss, training.LearningRate);
            }

            if (onProgress is not null && (step == 1 || step == totalSteps || step % reportEvery == 0))
            {
                onProgress(new TrainingProgress(step, totalSteps, loss));
            }
        }

        return totalSteps;
    }

    private static bool AllFinite(IReadOnlyList<Parameter> parameters)
    {
        using var scope = torch.NewDisposeScope();
        return parameters.All(p => p.isfinite().all().ToBoolean());
    }
}
