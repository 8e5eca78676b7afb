using System.Text.Json.Serialization;
using Sweep.Core.RateDistortion;

namespace Sweep.Core.Trials;

/// <summary>
/// What a training run measured. Losses are mean cross-entropy in nats; errors are 0-1 error rates in [0,1].
/// All four are measured with the <b>quantized</b> w'. <see cref="TrainErrorUnquantized"/> is the same network
/// before rounding, to show what quantization cost.
/// </summary>
public sealed record TrainingMetrics(
    double TrainLoss,
    double TrainError,
    double TestLoss,
    double TestError,
    double TrainErrorUnquantized,
    long ParameterCount,
    int Steps,
    double WPrimeNorm,
    double ClippedFraction,
    double Seconds)
{
    /// <summary>A regularized trial's full-network and distortion numbers; null for every other kind (and then absent from the JSON).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RateDistortionMetrics? RateDistortion { get; init; }

    /// <summary>
    /// A CMI trial's 0-1 losses on both halves of its supersample (<see cref="Randomness.SupersampleDraw.EncodeLosses"/>),
    /// measured with the quantized w'; null for every other trial (and then absent from the JSON).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? SupersampleLosses { get; init; }

    /// <summary>
    /// The trained network's first-layer filters, row-major (filter after filter, each channels·k·k values), when the
    /// trial keeps them (<see cref="TrialConfig.KeepFilters"/>); null otherwise (and then absent from the JSON).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[]? FirstLayerFilters { get; init; }
}
