using Sweep.Core.Bounds;

namespace Sweep.Core.Trials;

/// <summary>
/// A finished trial: its configuration, what training measured, and its bound. Information in nats.
/// <see cref="Gap"/> is test error − train error; <see cref="TestErrorBound"/> is train error + bound.
/// </summary>
public sealed record TrialResult(TrialConfig Config, TrainingMetrics Metrics, double Sigma)
{
    public int N => Config.Dataset.TrainSize;

    public double Gap => Metrics.TestError - Metrics.TrainError;

    public double InformationNats => QuantizationBound.InformationNats(Config.IntrinsicDimension, Config.Quantization.Levels);

    public double QuantizationBoundValue => QuantizationBound.Compute(Config.IntrinsicDimension, Config.Quantization.Levels, N, Sigma);

    public double TestErrorBound => Metrics.TrainError + QuantizationBoundValue;
}
