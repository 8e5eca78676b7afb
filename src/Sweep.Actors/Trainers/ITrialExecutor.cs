using Sweep.Core.Trials;

namespace Sweep.Actors.Trainers;

/// <summary>Progress of a running trial, reported from the training thread.</summary>
public readonly record struct TrialProgressTick(int Step, int TotalSteps, double Loss);

/// <summary>What a finished trial hands back: its metrics and the trained (quantized) w'.</summary>
public sealed record TrialExecution(TrainingMetrics Metrics, float[] WPrime);

/// <summary>
/// Runs one trial synchronously on the calling (dedicated) thread. Throws to fail the attempt; the exception's
/// message becomes the recorded reason. Implementations: TorchSharp subspace training, and later others.
/// </summary>
public interface ITrialExecutor
{
    TrialExecution Execute(TrialConfig trial, Action<TrialProgressTick> progress, CancellationToken cancellationToken);
}
