using MathNet.Numerics.LinearAlgebra;

namespace Sweep.Core.Estimators;

/// <summary>Closed forms for jointly Gaussian variables, in nats: the ground truth the estimators are tested against.</summary>
public static class GaussianMi
{
    /// <summary>
    /// I(X; Y) = ½ ln(det Σx · det Σy / det Σ) for (X, Y) Gaussian with joint covariance <paramref name="joint"/>,
    /// X being the first <paramref name="xDimension"/> coordinates. Log-determinants come from Cholesky factors.
    /// </summary>
    public static double FromCovariance(double[,] joint, int xDimension)
    {
        ArgumentNullException.ThrowIfNull(joint);
        var size = joint.GetLength(0);
        if (joint.GetLength(1) != size || xDimension < 1 || xDimension >= size)
        {
            throw new EstimatorInputException($"Need a square joint covariance and 1 ≤ xDimension < {size}.", nameof(joint));
        }

        var sigma = Matrix<double>.Build.DenseOfArray(joint);
        var yDimension = size - xDimension;
        var lnX = LogDeterminant(sigma.SubMatrix(0, xDimension, 0, xDimension));
        var lnY = LogDeterminant(sigma.SubMatrix(xDimension, yDimension, xDimension, yDimension));
        return 0.5 * (lnX + lnY - LogDeterminant(sigma));
    }

    /// <summary>
    /// Two-sided sliced MI with k = 1 of X, Y ∈ R^d, each N(0, I), with cross-covariance ρ·I: both projected on
    /// independent uniform directions, E[−½ ln(1 − ρ²⟨θ, φ⟩²)] = ½ Σ_{n≥1} ρ^{2n}/n · (½)_n/(d/2)_n, which is
    /// <c>(ρ²/2d)·₃F₂(1, 1, 3/2; d/2 + 1, 2; ρ²)</c>.
    /// </summary>
    public static double SlicedIsotropicTwoSided(int dimension, double rho)
    {
        if (dimension < 1 || !(Math.Abs(rho) < 1))
        {
            throw new EstimatorInputException($"Need d ≥ 1 and |ρ| < 1, not d = {dimension}, ρ = {rho}.", nameof(rho));
        }

        double sum = 0, ratio = 1, power = 1;
        for (var n = 1; n < 100_000; n++)
        {
            ratio *= (n - 0.5) / (dimension / 2.0 + n - 1);
            power *= rho * rho;
            var term = 0.5 * power / n * ratio;
            sum += term;
            if (term < 1e-17 * sum)
            {
                break;
            }
        }

        return sum;
    }

    /// <summary>I of a scalar Gaussian pair with correlation ρ: −½ ln(1 − ρ²).</summary>
    public static double Bivariate(double rho) => -0.5 * Math.Log(1 - rho * rho);

    private static double LogDeterminant(Matrix<double> matrix)
    {
        try
        {
            return matrix.Cholesky().DeterminantLn;
        }
        catch (ArgumentException)
        {
            throw new EstimatorInputException("The covariance is not positive definite.", nameof(matrix));
        }
    }
}
