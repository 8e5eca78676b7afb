namespace Sweep.Core.RateDistortion;

/// <summary>
/// The <c>rate_distortion:</c> block: a sweep of regularized trials over <see cref="Lambdas"/> (grid.lambda) × d ×
/// seeds. <see cref="LossCap"/> is B (nats) of the surrogate min(CE, B)/B; its default, twice the cross-entropy of a
/// uniform guess (2·ln C), is a rule fixed in advance, not tuned on outcomes. <see cref="Confidence"/> is the level of
/// the population disagreement's upper limit. <see cref="Lipschitz"/>, when given, replaces the derived constant and
/// is reported as given.
/// </summary>
public sealed record RateDistortionSpec(IReadOnlyList<double> Lambdas, double LossCap, double Confidence, double? Lipschitz)
{
    public const double DefaultConfidence = 0.95;

    public static double DefaultLossCap(int classes) => 2 * Math.Log(classes);
}
