using MathNet.Numerics.LinearAlgebra;
using Sweep.Core.Randomness;

namespace Sweep.Core.Estimators;

/// <summary>
/// Paired Gaussian samples with a known joint covariance, for checking estimators against <see cref="GaussianMi"/>:
/// drawn as L·z with Σ = L·Lᵀ, z from <see cref="SplitMix64"/>, so they follow from the seed alone.
/// </summary>
public static class GaussianSamples
{
    /// <summary><paramref name="count"/> pairs; X is the first <paramref name="xDimension"/> coordinates of the joint.</summary>
    public static (SampleMatrix X, SampleMatrix Y) Draw(double[,] joint, int xDimension, int count, long seed)
    {
        var size = joint.GetLength(0);
        var lower = Matrix<double>.Build.DenseOfArray(joint).Cholesky().Factor;
        var random = new SplitMix64(seed);
        var x = new double[count * xDimension];
        var y = new double[count * (size - xDimension)];
        var z = new double[size];
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < size; c++)
            {
                z[c] = random.NextGaussian();
            }

            for (var r = 0; r < size; r++)
            {
                var value = 0.0;
                for (var c = 0; c <= r; c++)
                {
                    value += lower[r, c] * z[c];
                }

                if (r < xDimension)
                {
                    x[i * xDimension + r] = value;
                }
                else
                {
                    y[i * (size - xDimension) + r - xDimension] = value;
                }
            }
        }

        return (SampleMatrix.FromRowMajor(x, count, xDimension, "x"), SampleMatrix.FromRowMajor(y, count, size - xDimension, "y"));
    }

    /// <summary>The joint covariance of X, Y ∈ R^d, each N(0, I), with cross-covariance ρ·I.</summary>
    public static double[,] CrossIdentity(int dimension, double rho)
    {
        var joint = new double[2 * dimension, 2 * dimension];
        for (var i = 0; i < 2 * dimension; i++)
        {
            joint[i, i] = 1;
        }

        for (var i = 0; i < dimension; i++)
        {
            joint[i, dimension + i] = joint[dimension + i, i] = rho;
        }

        return joint;
    }

    /// <summary>A size × size covariance with unit variances and every correlation equal to ρ.</summary>
    public static double[,] Equicorrelated(int size, double rho)
    {
        var joint = new double[size, size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                joint[i, j] = i == j ? 1 : rho;
            }
        }

        return joint;
    }
}
