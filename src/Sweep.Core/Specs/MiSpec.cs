namespace Sweep.Core.Specs;

public enum MiEstimatorKind { Ksg, Ksmi }

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

    public string Describe() => Estimator == MiEstimatorKind.Ksg
        ? $"KSG (k={K}) over M={TrainingsPerProjection} trainings per Θ, P={Projections} Θ per d, s={SamplesPerTrial} sample positions"
        : $"two-sided k-SMI (slice dim {SliceDimension}, m={Slices} slices, KSG k={K}) over M={TrainingsPerProjection} trainings per Θ, P={Projections} Θ per d, s={SamplesPerTrial} sample positions";
}
