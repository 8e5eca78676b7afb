using Sweep.Core.Specs;

namespace Sweep.Core.Trials;

/// <summary>
/// Everything a trainer needs to run one grid point: the spec's settings with the trial's axis values applied.
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
    TrialSeeds Seeds);
