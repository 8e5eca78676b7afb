using System.Globalization;

namespace Sweep.Training.Subspace;

/// <summary>
/// Training produced a non-finite loss or w'. A property of the trial's settings (usually the learning rate), not a
/// fault of the trainer: retrying gives the same result.
/// </summary>
public sealed class TrialDivergedException : Exception
{
    public TrialDivergedException(int step, double loss, double learningRate)
        : this(step, loss, learningRate, $"loss diverged to {Format(loss)} at step {step} (learning rate {Format(learningRate)})")
    {
    }

    private TrialDivergedException(int step, double loss, double learningRate, string message)
        : base(message)
    {
        Step = step;
        Loss = loss;
        LearningRate = learningRate;
    }

    /// <summary>The 1-based step at which divergence was seen.</summary>
    public int Step { get; }

    /// <summary>That step's minibatch loss (may be finite when w' diverged first).</summary>
    public double Loss { get; }

    public double LearningRate { get; }

    /// <summary>w' became non-finite after the update of <paramref name="step"/>.</summary>
    public static TrialDivergedException NonFiniteWeights(int step, double loss, double learningRate) => new(
        step, loss, learningRate,
        $"w' diverged to a non-finite value at step {step} (loss {Format(loss)}, learning rate {Format(learningRate)})");

    private static string Format(double value) => value.ToString("g", CultureInfo.InvariantCulture);
}
