using Sweep.Core.Trials;
using Sweep.Training.Lora;
using Sweep.Training.Runtime;

namespace Sweep.Actors.Trainers;

/// <summary>
/// Runs a LoRA trial: takes the sweep's base checkpoint from the <see cref="BaseCheckpointStore"/> (pretraining it
/// first if this is the stage's first trial), fine-tunes the trial's adapters, and hands back the metrics (measured
/// with the quantized adapters) and the quantized adapter numbers as w'.
/// </summary>
public sealed class LoraTrialExecutor(TorchDevice device, BaseCheckpointStore checkpoints) : ITrialExecutor
{
    public TrialExecution Execute(TrialConfig trial, Action<TrialProgressTick> progress, CancellationToken cancellationToken)
    {
        var lora = trial.Lora ?? throw new ArgumentException($"Trial {trial.Id} is not a LoRA trial.", nameof(trial));
        var checkpoint = checkpoints.Get(lora.Pretrain, device, p => progress(new TrialProgressTick(p.Step, p.TotalSteps, p.Loss)), cancellationToken);
        var outcome = LoraTrainer.Train(
            LoraTrial.From(trial, lora.Settings), checkpoint, device, p => progress(new TrialProgressTick(p.Step, p.TotalSteps, p.Loss)), cancellationToken);
        if (outcome.TrainableParameters != lora.TrainableParameters)
        {
            throw new InvalidOperationException(
                $"Trial {trial.Id} trained {outcome.TrainableParameters} adapter numbers, but its grid point expects p = {lora.TrainableParameters}.");
        }

        return new TrialExecution(outcome.Metrics, outcome.Adapters);
    }
}
