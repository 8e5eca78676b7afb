using MathNet.Numerics.Distributions;

namespace Sweep.Core.Statistics;

/// <summary>A mean with its two-sided 95% Student-t confidence interval over independent runs (seeds).</summary>
public sealed record MeanInterval(double Mean, double Low, double High, int Count)
{
    public static MeanInterval Of(IReadOnlyCollection<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var mean = values.Average();
        if (values.Count == 1)
        {
            return new MeanInterval(mean, mean, mean, 1);
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        var halfWidth = StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * Math.Sqrt(variance / values.Count);
        return new MeanInterval(mean, mean - halfWidth, mean + halfWidth, values.Count);
    }
}
