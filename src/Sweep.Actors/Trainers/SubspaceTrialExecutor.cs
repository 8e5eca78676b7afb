using Sweep.Core.Trials;
using Sweep.Training.RateDistortion;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;

namespace Sweep.Actors.Trainers;

/// <summary>Runs a trial as TorchSharp subspace training on one device, or as regularized training of all weights compressed into the subspace.</summary>
public sealed class SubspaceTrialExecutor(TorchDevice device) : ITrialExecutor
{
    public TrialExecution Execute(TrialConfig trial, Action<TrialProgressTick> progress, CancellationToken cancellationToken)
    {
        Action<TrainingProgress> onProgress = p => progress(new TrialProgressTick(p.Step, p.TotalSteps, p.Loss));
        var outcome = trial.Regularized is null
            ? SubspaceTrainer.Train(trial, device, onProgress, cancellationToken)
            : RegularizedTrainer.TrainTrial(trial, device, onProgress, cancellationToken);
        return new TrialExecution(outcome.Metrics, outcome.WPrime);
    }
}

/// <summary>
/// Chooses the executor for a slot from its device name ("cpu", "cuda:0"): subspace training, or LoRA fine-tuning
/// of a base checkpoint kept in <paramref name="artifactsFolder"/> (shared by every slot of the process).
/// </summary>
public static class TrialExecutors
{
    /// <summary>Where base checkpoints go when no folder is given: the default results root's artifacts.</summary>
    public const string DefaultArtifactsFolder = "results/artifacts";

    public static Func<string, ITrialExecutor> ForSlot(int threadsPerTrainer, string artifactsFolder = DefaultArtifactsFolder)
    {
        var checkpoints = new BaseCheckpointStore(artifactsFolder);
        return slot =>
        {
            TorchRuntime.Configure(threadsPerTrainer);
            var device = TorchDevice.Parse(slot);
            return new TrialKindExecutor(new SubspaceTrialExecutor(device), new LoraTrialExecutor(device, checkpoints));
        };
    }
}
