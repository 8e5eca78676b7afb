using Sweep.Core.Bounds;
using Sweep.Core.Estimators;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Core.RateDistortion;

/// <summary>
/// One regularized trial's bounds (docs/rate-distortion.md). <see cref="Compressed"/> is the certified quantization
/// bound of θ̃ = θ0 + Θ·w'_q and <see cref="CompressedTestErrorBound"/> = train error(θ̃) + it. For θ itself:
/// (b) <see cref="Disagreement"/> = compressed bound + training disagreement + the population disagreement's
/// Clopper–Pearson upper limit at the spec's confidence, and <see cref="FullTestErrorBound"/> = train error(θ) + (b);
/// (a) <see cref="Lipschitz"/> = compressed bound + 2·L·‖θ − θ̃‖ on the surrogate loss, and
/// <see cref="SurrogateTestRiskBound"/> = θ's training surrogate loss + (a); null where no L applies.
/// </summary>
public sealed record RateDistortionTrialBounds(
    double Compressed,
    double CompressedTestErrorBound,
    double PopulationDisagreementUpper,
    double Disagreement,
    double FullTestErrorBound,
    double? Lipschitz,
    double? SurrogateTestRiskBound)
{
    public static RateDistortionTrialBounds? Of(TrialResult result)
    {
        if (result.Config.Regularized is not { } settings || result.Metrics.RateDistortion is not { } m)
        {
            return null;
        }

        var compressed = result.QuantizationBoundValue;
        var upper = BinomialConfidence.Upper(m.TestDisagreements, m.TestInputs, 1 - settings.Confidence);
        var disagreement = RateDistortionBound.Disagreement(compressed, m.TrainDisagreement, upper);
        double? lipschitz = m.Lipschitz is { } l ? RateDistortionBound.Lipschitz(compressed, l, m.Distortion) : null;
        return new RateDistortionTrialBounds(
            compressed,
            result.TestErrorBound,
            upper,
            disagreement,
            m.FullTrainError + disagreement,
            lipschitz,
            lipschitz is { } a ? m.FullSurrogateTrainLoss + a : null);
    }
}
