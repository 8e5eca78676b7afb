namespace Sweep.Core.Trials;

/// <summary>
/// The supersample part of a CMI trial: <see cref="Seed"/> draws the group's Z̃ (2n pool rows, shared by the M
/// trainings of the group); the trial's data seed draws its selector U (see <see cref="Randomness.SupersampleDraw"/>).
/// </summary>
public sealed record SupersampleTrialConfig(long Seed);
