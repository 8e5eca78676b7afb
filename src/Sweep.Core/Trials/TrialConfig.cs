using System.Text.Json.Serialization;
using Sweep.Core.Lora;
using Sweep.Core.RateDistortion;
using Sweep.Core.Specs;

namespace Sweep.Core.Trials;

/// <summary>
/// Everything a trainer needs to run one grid point: the spec's settings with the trial's axis values applied.
/// A LoRA trial also carries <see cref="Lora"/>; its <see cref="IntrinsicDimension"/> is then p, the number of
/// trained adapter numbers, and its <see cref="Quantization"/> has 2^q levels.
/// </summary>
public sealed record TrialConfig(
    TrialId Id,
    int Seed,
    int IntrinsicDimension,
    DatasetSpec Dataset,
    ModelSpec Model,
    ProjectionSpec Projection,
    QuantizationSpec Quantization,
    TrainingSpec Training,
    TrialSeeds Seeds)
{
    /// <summary>
    /// The training it runs: <see cref="Training"/>, except that a full-training baseline trial with
    /// <c>projection.baseline_learning_rate</c> steps at that rate. <see cref="Training"/> stays the spec's, so the
    /// baseline keeps the series (and d_int90) of the subspace trials it is the reference for.
    /// </summary>
    [JsonIgnore]
    public TrainingSpec EffectiveTraining => Projection is { Kind: ProjectionKind.None, BaselineLearningRate: { } rate }
        ? Training with { LearningRate = rate }
        : Training;

    /// <summary>The LoRA part of the trial; null for a subspace trial (and then absent from the JSON).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LoraTrialConfig? Lora { get; init; }

    /// <summary>The regularized (rate-distortion) part of the trial; null otherwise (and then absent from the JSON).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RegularizedTrialConfig? Regularized { get; init; }

    /// <summary>The supersample of a CMI trial (train on Z̃_{i,U_i}); null otherwise (and then absent from the JSON).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SupersampleTrialConfig? Supersample { get; init; }

    /// <summary>
    /// The spec has a <c>topology:</c> block: the trainer returns the trained first-layer filters in
    /// <see cref="TrainingMetrics.FirstLayerFilters"/>. False (and absent from the JSON) otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool KeepFilters { get; init; }
}
