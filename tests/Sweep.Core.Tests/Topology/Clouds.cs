using Sweep.Core.Estimators;
using Sweep.Core.Randomness;

namespace Sweep.Core.Tests.Topology;

/// <summary>Point clouds of known homology, each from a seed; noise is isotropic Gaussian with the stated σ.</summary>
internal static class Clouds
{
    /// <summary>n points at uniform angles on a circle of <paramref name="radius"/> about (cx, cy).</summary>
    public static List<double[]> Circle(int n, double radius, double noise, long seed, double cx = 0, double cy = 0)
    {
        var random = new SplitMix64(seed);
        var points = new List<double[]>(n);
        for (var i = 0; i < n; i++)
        {
            var angle = 2 * Math.PI * random.NextDouble();
            points.Add([
                cx + radius * Math.Cos(angle) + noise * random.NextGaussian(),
                cy + radius * Math.Sin(angle) + noise * random.NextGaussian(),
            ]);
        }

        return points;
    }

    /// <summary>The flat (Clifford) torus in R^4, (cos θ, sin θ, cos φ, sin φ), on a jittered side × side grid of angles.</summary>
    public static List<double[]> FlatTorus(int side, double noise, long seed)
    {
        var random = new SplitMix64(seed);
        var points = new List<double[]>(side * side);
        for (var a = 0; a < side; a++)
        {
            for (var b = 0; b < side; b++)
            {
                var theta = 2 * Math.PI * (a + 0.3 * random.NextDouble()) / side;
                var phi = 2 * Math.PI * (b + 0.3 * random.NextDouble()) / side;
                points.Add([
                    Math.Cos(theta) + noise * random.NextGaussian(),
                    Math.Sin(theta) + noise * random.NextGaussian(),
                    Math.Cos(phi) + noise * random.NextGaussian(),
                    Math.Sin(phi) + noise * random.NextGaussian(),
                ]);
            }
        }

        return points;
    }

    /// <summary>n points uniform in the cube [0, 1]^dimension.</summary>
    public static List<double[]> UniformCube(int n, int dimension, long seed)
    {
        var random = new SplitMix64(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextDouble()).ToArray()).ToList();
    }

    /// <summary>n points standard Gaussian in R^dimension.</summary>
    public static List<double[]> Gaussian(int n, int dimension, long seed)
    {
        var random = new SplitMix64(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextGaussian()).ToArray()).ToList();
    }

    public static SampleMatrix Matrix(List<double[]> points) => SampleMatrix.FromRows(points, "cloud");
}
