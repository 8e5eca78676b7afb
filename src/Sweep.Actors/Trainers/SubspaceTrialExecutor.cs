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
