using Sweep.Core.Estimators;
using Sweep.Core.Randomness;

namespace Sweep.Core.Topology;

/// <summary>
/// Filters of known topology, for tests and benchmarks: k×k oriented edges tanh(2 (u cos θ + v sin θ)) on the centred
/// pixel grid, θ uniform on the circle, each with a random gain in [0.5, 2], a random offset in [-1, 1] (which the
/// normalization removes) and Gaussian pixel noise σ. Their normalized cloud is the primary circle.
/// </summary>
public static class SyntheticFilters
{
    public static SampleMatrix OrientedEdges(int count, int kernel, double noise, long seed)
    {
        var random = new SplitMix64(seed);
        var values = new double[count * kernel * kernel];
        var centre = (kernel - 1) / 2.0;
        for (var f = 0; f < count; f++)
        {
            var theta = 2 * Math.PI * random.NextDouble();
            var gain = 0.5 + 1.5 * random.NextDouble();
            var offset = 2 * random.NextDouble() - 1;
            for (var y = 0; y < kernel; y++)
            {
                for (var x = 0; x < kernel; x++)
                {
                    var edge = Math.Tanh(2 * ((x - centre) * Math.Cos(theta) + (y - centre) * Math.Sin(theta)));
                    values[(f * kernel + y) * kernel + x] = gain * edge + offset + noise * random.NextGaussian();
                }
            }
        }

        return SampleMatrix.FromRowMajor(values, count, kernel * kernel, "edge filters");
    }

    /// <summary>Filters of independent standard Gaussian pixels: no structure.</summary>
    public static SampleMatrix Noise(int count, int kernel, long seed)
    {
        var random = new SplitMix64(seed);
        var values = new double[count * kernel * kernel];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextGaussian();
        }

        return SampleMatrix.FromRowMajor(values, count, kernel * kernel, "noise filters");
    }

    /// <summary>The rows of <paramref name="a"/> followed by those of <paramref name="b"/>.</summary>
    public static SampleMatrix Concat(SampleMatrix a, SampleMatrix b)
    {
        var values = new double[a.Values.Length + b.Values.Length];
        a.Values.CopyTo(values);
        b.Values.CopyTo(values.AsSpan(a.Values.Length));
        return SampleMatrix.FromRowMajor(values, a.Count + b.Count, a.Dimension, "filters");
    }
}
