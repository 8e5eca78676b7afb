namespace Sweep.Core.Specs;

public enum MiEstimatorKind { Ksg, Ksmi }

/// <summary>
/// What a group of trainings estimates: the individual-sample term I^Θ(W'; Z_i) from training sets drawn from a pool
/// (KSG; an estimated MI term), or the supersample CMI bounds (one Z̃ per group, U^j per training; certified with
/// their upper confidence).
/// </summary>
public enum MiKind { IndividualSample, Supersample }

/// <summary>
/// The optional <c>mi:</c> block: estimate the individual-sample MI bound from groups of trainings. Per d there are
/// <see cref="Projections"/> (P) groups; a group shares Θ and θ0 and holds <see cref="TrainingsPerProjection"/> (M)
/// trainings, each on its own training set of n samples drawn from the dataset's pool by its own data seed.
/// <see cref="SamplesPerTrial"/> (s) of the n sample positions i enter the estimate of I^Θ(W'; Z_i). With
/// <see cref="MiEstimatorKind.Ksmi"/>, W' and Z_i are both projected on <see cref="Slices"/> (m) random
/// <see cref="SliceDimension"/>-dimensional Stiefel slices (two-sided k-SMI); <see cref="K"/> is KSG's neighbour count.
/// </summary>
public sealed record MiSpec(
    int TrainingsPerProjection,
    int Projections,
    MiEstimatorKind Estimator,
    int K,
    int Slices,
    int SliceDimension,
    int SamplesPerTrial)
{
    public const int DefaultSlices = 100;
    public const int DefaultSamplesPerTrial = 16;
    public const double DefaultDelta = 0.05;

    /// <summary>Left out of the JSON for the individual-sample kind, so existing mi specs keep their hash.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public MiKind Kind { get; init; }

    /// <summary>The supersample kind's failure probability δ of each group's bounds (default 0.05); null otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Delta { get; init; }

    /// <summary>R, the permutation-null repetitions beside every estimate; null means <see cref="Estimators.PermutationNull.DefaultRepetitions"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? NullRepetitions { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int NullRepetitionsOrDefault => NullRepetitions ?? Estimators.PermutationNull.DefaultRepetitions;

    [System.Text.Json.Serialization.JsonIgnore]
    public double DeltaOrDefault => Delta ?? DefaultDelta;

    public string Describe() => Kind == MiKind.Supersample
        ? $"supersample CMI: one Z̃ of 2n examples per group, M={TrainingsPerProjection} trainings per group (U^j ∈ {{0,1}}^n each), P={Projections} groups per d, δ={DeltaOrDefault:R}"
        : Estimator == MiEstimatorKind.Ksg
        ? $"KSG (k={K}) over M={TrainingsPerProjection} trainings per Θ, P={Projections} Θ per d, s={SamplesPerTrial} sample positions"
        : $"two-sided k-SMI (slice dim {SliceDimension}, m={Slices} slices, KSG k={K}) over M={TrainingsPerProjection} trainings per Θ, P={Projections} Θ per d, s={SamplesPerTrial} sample positions";
}
