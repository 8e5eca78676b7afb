using Sweep.Core.Bounds;
using Sweep.Core.Lora;

namespace Sweep.Core.Trials;

/// <summary>
/// A finished trial: its configuration, what training measured, and its bound. Information in nats.
/// <see cref="Gap"/> is test error − train error; <see cref="TestErrorBound"/> is train error + bound. A subspace
/// trial's bound is the quantization bound sqrt(2σ²·d·ln K / n); a LoRA trial's is the LoRA quantization bound
/// sqrt(2σ²·q·ln2·p / n) over its adapted shapes.
/// </summary>
public sealed record TrialResult(TrialConfig Config, TrainingMetrics Metrics, double Sigma)
{
    public int N => Config.Dataset.TrainSize;

    public double Gap => Metrics.TestError - Metrics.TrainError;

    public double InformationNats => Config.Lora is { } lora
        ? LoraQuantizationBound.InformationNats(lora.Settings.Mode, lora.Settings.Rank, Shapes(lora), lora.Settings.Bits)
        : QuantizationBound.InformationNats(Config.IntrinsicDimension, Config.Quantization.Levels);

    /// <summary>The trial's bound on |gen|: the LoRA bound for a LoRA trial, else the subspace quantization bound.</summary>
    public double QuantizationBoundValue => Config.Lora is { } lora
        ? LoraQuantizationBound.Compute(lora.Settings.Mode, lora.Settings.Rank, Shapes(lora), lora.Settings.Bits, N, Sigma)
        : QuantizationBound.Compute(Config.IntrinsicDimension, Config.Quantization.Levels, N, Sigma);

    public double TestErrorBound => Metrics.TrainError + QuantizationBoundValue;

    private IReadOnlyList<AdaptedShape> Shapes(LoraTrialConfig lora) => LoraLayers.Adapted(Config.Model, lora.Settings.Layers);
}
