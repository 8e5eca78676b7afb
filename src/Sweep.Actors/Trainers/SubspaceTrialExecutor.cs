using Sweep.Core.Trials;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;

namespace Sweep.Actors.Trainers;

/// <summary>Runs a trial as TorchSharp subspace training on one device.</summary>
public sealed class SubspaceTrialExecutor(TorchDevice device) : ITrialExecutor
{
    public TrialExecution Execute(TrialConfig trial, Action<TrialProgressTick> progress, CancellationToken cancellationToken)
    {
        var outcome = SubspaceTrainer.Train(trial, device, p => progress(new TrialProgressTick(p.Step, p.TotalSteps, p.Loss)), cancellationToken);
        return new TrialExecution(outcome.Metrics, outcome.WPrime);
    }
}
