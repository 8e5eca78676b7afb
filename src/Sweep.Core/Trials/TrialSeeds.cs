namespace Sweep.Core.Trials;

/// <summary>
/// Every random draw of a trial follows from these. <see cref="Projection"/> draws Θ, <see cref="Init"/> draws θ0,
/// <see cref="Data"/> picks the n training samples from the pool, <see cref="BatchOrder"/> shuffles the batches.
/// </summary>
public sealed record TrialSeeds(long Projection, long Init, long Data, long BatchOrder);
