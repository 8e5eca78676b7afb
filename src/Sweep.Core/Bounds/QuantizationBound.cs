namespace Sweep.Core.Bounds;

/// <summary>
/// The quantization bound. Each of the d coordinates of w' lies on a fixed, data-independent grid of K levels, so
/// I(W'; S_n | Θ) ≤ H(W'_q) ≤ d·ln K nats and, for a σ-sub-Gaussian loss, |gen| ≤ sqrt(2σ²·d·ln K / n).
/// </summary>
public static class QuantizationBound
{
    public const string Assumptions =
        "loss σ-sub-Gaussian (σ=1/2 for the 0-1 loss); w' quantized on a fixed data-independent grid of K levels; " +
        "Θ and θ0 independent of the data; train and test error measured with the quantized weights; I(W';S|Θ) ≤ d·ln K nats";

    /// <summary>The mutual-information budget d·ln K, in nats.</summary>
    public static double InformationNats(int d, int levels) => d * Math.Log(levels);

    public static double Compute(int d, int levels, int n, double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        return Math.Sqrt(2 * sigma * sigma * InformationNats(d, levels) / n);
    }
}
