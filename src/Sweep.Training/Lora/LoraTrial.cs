using Sweep.Core.Bounds;
using Sweep.Core.Lora;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Training.Lora;

/// <summary>
/// One LoRA fine-tuning run: n = <see cref="DatasetSpec.TrainSize"/> samples of the fine-tuning classes, the
/// training settings, the adapter settings and the seeds (projection: frozen factor; init: A in mode both; data: the
/// n samples; batch order).
/// </summary>
public sealed record LoraTrial(DatasetSpec Dataset, TrainingSpec Training, LoraTrialSettings Lora, TrialSeeds Seeds)
{
    /// <summary>The LoRA trial of a sweep trial: its dataset, training settings and seeds, with these adapters.</summary>
    public static LoraTrial From(TrialConfig trial, LoraTrialSettings lora) => new(trial.Dataset, trial.Training, lora, trial.Seeds);
}

/// <summary>
/// A finished LoRA run. <see cref="Metrics"/> are measured with the quantized adapters
/// (<see cref="TrainingMetrics.ParameterCount"/> is the base network's D, <see cref="TrainingMetrics.WPrimeNorm"/>
/// the norm of the quantized trained numbers); <see cref="Adapters"/> holds those numbers, adapter by adapter, A
/// before B, row-major.
/// </summary>
public sealed record LoraOutcome(
    TrainingMetrics Metrics,
    LoraMode Mode,
    int Rank,
    int Bits,
    int N,
    long TrainableParameters,
    IReadOnlyList<AdaptedShape> AdaptedShapes,
    float[] Adapters)
{
    /// <summary>The LoRA quantization bound of this run (nats inside; σ = 1/2 by default).</summary>
    public LoraBound Bound(double sigma = LoraQuantizationBound.DefaultSigma) =>
        LoraQuantizationBound.Evaluate(Mode, Rank, AdaptedShapes, Bits, N, sigma);
}
