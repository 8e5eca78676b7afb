using Sweep.Core.Bounds;
using Sweep.Core.Lora;

namespace Sweep.Core.Trials;

/// <summary>
/// A finished trial: its configuration, what training measured, and its bound. Information in nats.
/// <see cref="Gap"/> is test error − train error; <see cref="TestErrorBound"/> is train error + bound. A subspace
/// trial's bound is the quantization bound sqrt(2σ²·d·ln K / n); a LoRA trial's is the LoRA quantization bound
/// sqrt(2σ²·q·ln2·p / n) over its adapted shapes. A full-training baseline trial has no bound (NaN here, and
/// <see cref="NoBoundReason"/> in the outputs): it trains all D float32 weights, with no quantized subspace to count.
/// </summary>
public sealed record TrialResult(TrialConfig Config, TrainingMetrics Metrics, double Sigma)
{
    public int N => Config.Dataset.TrainSize;

    public double Gap => Metrics.TestError - Metrics.TrainError;

    /// <summary>What the outputs print in place of a baseline trial's bound.</summary>
    public const string NoBoundReason = "none: full training of all D weights, no quantized subspace to count";

    public bool IsBaseline => Config.Projection.Kind == Specs.ProjectionKind.None;

    public double InformationNats => IsBaseline ? double.NaN : Config.Lora is { } lora
        ? LoraQuantizationBound.InformationNats(lora.Settings.Mode, lora.Settings.Rank, Shapes(lora), lora.Settings.Bits)
        : QuantizationBound.InformationNats(Config.IntrinsicDimension, Config.Quantization.Levels);

    /// <summary>The trial's bound on |gen|: the LoRA bound for a LoRA trial, else the subspace quantization bound.</summary>
    public double QuantizationBoundValue => IsBaseline ? double.NaN : Config.Lora is { } lora
        ? LoraQuantizationBound.Compute(lora.Settings.Mode, lora.Settings.Rank, Shapes(lora), lora.Settings.Bits, N, Sigma)
        : QuantizationBound.Compute(Config.IntrinsicDimension, Config.Quantization.Levels, N, Sigma);

    public double TestErrorBound => Metrics.TrainError + QuantizationBoundValue;

    private IReadOnlyList<AdaptedShape> Shapes(LoraTrialConfig lora) => LoraLayers.Adapted(Config.Model, lora.Settings.Layers);
}
