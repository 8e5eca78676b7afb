namespace Sweep.Core.Bounds;

/// <summary>
/// Rate-distortion bounds for a network θ trained with all D weights free and compressed into its random subspace:
/// θ̃ = θ0 + Θ·w'_q with w' = argmin ‖θ − θ0 − Θw'‖ quantized on the spec's fixed grid of K levels. Because w'_q takes
/// one of K^d values whatever the data, the compressed network has the certified quantization bound
/// sqrt(2σ²·d·ln K / n) on its expected generalization gap, and gen(θ) = gen(θ̃) + (gen(θ) − gen(θ̃)) moves it to θ:
/// <list type="bullet">
/// <item>(a) Lipschitz: for a loss L-Lipschitz in the weights on the segment [θ̃, θ], |gen(θ) − gen(θ̃)| ≤ 2·L·‖θ − θ̃‖.</item>
/// <item>(b) 0-1 loss: |R(θ) − R(θ̃)| ≤ P(θ and θ̃ disagree) and the same on the training set, so
/// gen(θ) ≤ gen(θ̃) + train disagreement + population disagreement; the population disagreement is replaced by its
/// Clopper–Pearson upper limit from held-out inputs (no labels needed), a statement that holds with the stated confidence.</item>
/// </list>
/// All in units of the loss (error rates); the information budget d·ln K is in nats.
/// </summary>
public static class RateDistortionBound
{
    public const string CompressedAssumptions =
        QuantizationBound.Assumptions + "; w' is the least-squares coefficient of θ − θ0 on Θ, quantized after training";

    public const string LipschitzAssumptions =
        "bounded surrogate loss min(cross-entropy, B)/B ∈ [0,1] (σ = 1/2), L-Lipschitz in the weights on the segment " +
        "[θ̃, θ] for inputs in the stated domain (docs/rate-distortion.md derives L for ReLU MLPs); bounds the surrogate " +
        "loss's expected gap, not the 0-1 error's";

    public const string DisagreementAssumptions =
        "0-1 loss (σ = 1/2); the population disagreement of θ and θ̃ replaced by its one-sided Clopper–Pearson upper " +
        "limit from the held-out inputs (independent of training, labels unused); holds with that confidence over the held-out draw";

    /// <summary>(a): the compressed network's bound plus 2·L·‖θ − θ̃‖.</summary>
    public static double Lipschitz(double compressedBound, double lipschitz, double distortion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(compressedBound);
        ArgumentOutOfRangeException.ThrowIfNegative(lipschitz);
        ArgumentOutOfRangeException.ThrowIfNegative(distortion);
        return compressedBound + 2 * lipschitz * distortion;
    }

    /// <summary>(b): the compressed network's bound plus the training disagreement and the population disagreement's upper limit.</summary>
    public static double Disagreement(double compressedBound, double trainDisagreement, double populationDisagreementUpper)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(compressedBound);
        CheckRate(trainDisagreement, nameof(trainDisagreement));
        CheckRate(populationDisagreementUpper, nameof(populationDisagreementUpper));
        return compressedBound + trainDisagreement + populationDisagreementUpper;
    }

    private static void CheckRate(double rate, string name)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be a rate in [0, 1], got {rate}.");
        }
    }
}
