using Sweep.Core.Trials;

namespace Sweep.Actors.Trainers;

/// <summary>Sends each trial to the executor of its kind: LoRA trials to one, subspace trials to the other.</summary>
public sealed class TrialKindExecutor(ITrialExecutor subspace, ITrialExecutor lora) : ITrialExecutor
{
    public TrialExecution Execute(TrialConfig trial, Action<TrialProgressTick> progress, CancellationToken cancellationToken) =>
        (trial.Lora is null ? subspace : lora).Execute(trial, progress, cancellationToken);
}
