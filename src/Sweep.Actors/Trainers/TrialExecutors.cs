using Sweep.Training.Runtime;

namespace Sweep.Actors.Trainers;

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
