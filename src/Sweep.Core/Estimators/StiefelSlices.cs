using MathNet.Numerics.LinearAlgebra;
using Sweep.Core.Randomness;

namespace Sweep.Core.Estimators;

/// <summary>Random slices: matrices with orthonormal columns, uniform on the Stiefel manifold St(k, dimension).</summary>
public static class StiefelSlices
{
    /// <summary>
    /// A <paramref name="dimension"/> × <paramref name="k"/> row-major matrix A with AᵀA = I_k, uniform on St(k, dimension):
    /// the Q of a Gaussian matrix's QR, with each column's sign set so that R's diagonal is positive.
    /// </summary>
    public static double[] Draw(int dimension, int k, SplitMix64 random)
    {
        if (k < 1 || k > dimension)
        {
            throw new EstimatorInputException($"A slice dimension must lie in 1..{dimension}, not {k}.", nameof(k));
        }

        var gaussian = Matrix<double>.Build.Dense(dimension, k, (_, _) => random.NextGaussian());
        var qr = gaussian.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var slice = new double[dimension * k];
        for (var j = 0; j < k; j++)
        {
            var sign = qr.R[j, j] < 0 ? -1.0 : 1.0;
            for (var i = 0; i < dimension; i++)
            {
                slice[i * k + j] = sign * qr.Q[i, j];
            }
        }

        return slice;
    }
}
