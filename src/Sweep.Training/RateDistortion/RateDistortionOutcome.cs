using Sweep.Training.Models;

namespace Sweep.Training.RateDistortion;

/// <summary>Mean cross-entropy (nats) and 0-1 error of one network on the training and the test set.</summary>
public readonly record struct NetworkPair(Evaluation Train, Evaluation Test);

/// <summary>How often two networks' predicted classes differ on a set of inputs.</summary>
public readonly record struct DisagreementCount(long Disagreements, long Inputs)
{
    public double Rate => Inputs == 0 ? double.NaN : (double)Disagreements / Inputs;
}

/// <summary>
/// What a regularized trial measured: the full network θ and the compressed θ̃ = θ0 + Θ·w'_q on both sets, the
/// distortion ‖θ − θ̃‖, θ's mean surrogate loss min(CE, B)/B on the training set, their disagreement on the training and the test inputs, and the layer norms on the segment
/// [θ̃, θ] that a Lipschitz constant needs (null for networks other than MLPs).
/// </summary>
public sealed record RateDistortionOutcome(
    NetworkPair Full,
    NetworkPair Compressed,
    Evaluation CompressedUnquantizedTrain,
    double Distortion,
    double FullSurrogateTrainLoss,
    DisagreementCount TrainDisagreement,
    DisagreementCount TestDisagreement,
    SegmentNorms? Layers,
    float[] WPrime,
    double ClippedFraction,
    long ParameterCount,
    int Steps,
    double Seconds);
