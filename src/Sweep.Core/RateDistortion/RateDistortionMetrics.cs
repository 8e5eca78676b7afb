namespace Sweep.Core.RateDistortion;

/// <summary>
/// What a regularized trial measured beyond <see cref="Trials.TrainingMetrics"/> (which holds the compressed
/// network θ̃'s numbers, with the quantized w'): the full network θ's losses (nats) and 0-1 errors, the distortion
/// ‖θ − θ̃‖, how often θ and θ̃ predict differently on the training and the test inputs, θ's mean surrogate loss
/// min(CE, B)/B on the training set, and the Lipschitz constant on the segment [θ̃, θ] (null where none is derived).
/// </summary>
public sealed record RateDistortionMetrics(
    double FullTrainLoss,
    double FullTrainError,
    double FullTestLoss,
    double FullTestError,
    double Distortion,
    long TrainDisagreements,
    long TrainInputs,
    long TestDisagreements,
    long TestInputs,
    double FullSurrogateTrainLoss,
    double? Lipschitz)
{
    public double TrainDisagreement => (double)TrainDisagreements / TrainInputs;

    public double TestDisagreement => (double)TestDisagreements / TestInputs;
}
