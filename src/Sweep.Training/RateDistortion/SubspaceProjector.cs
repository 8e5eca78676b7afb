using Sweep.Core.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.RateDistortion;

/// <summary>
/// The orthogonal projector P_Θ onto span(Θ) for a materialized Θ ∈ R^{D×d}, computed exactly: the least-squares
/// coefficients c(v) = argmin ‖v − Θc‖ = (ΘᵀΘ)⁻¹Θᵀv, and P_Θ v = Θ·c(v).
/// <list type="bullet">
/// <item>orthonormal Θ: ΘᵀΘ = I, so c(v) = Θᵀv and P_Θ = ΘΘᵀ;</item>
/// <item>dense Gaussian Θ (unit-norm columns, not orthogonal): the d×d Gram matrix ΘᵀΘ is factored once (Cholesky,
/// float64) and c(v) solves against it, so P_Θ is the exact projector, not ΘΘᵀ.</item>
/// </list>
/// Every operation is differentiable, so ‖(I − P_Θ)v‖² can be a training penalty. Owns nothing but the factor.
/// </summary>
public sealed class SubspaceProjector : IDisposable
{
    private readonly Tensor _theta;
    private readonly Tensor? _gramFactor;

    public SubspaceProjector(ProjectionKind kind, Tensor theta)
    {
        if (theta.shape is not [_, _])
        {
            throw new ArgumentException("Θ must be a D×d matrix.", nameof(theta));
        }

        _theta = theta;
        if (kind == ProjectionKind.Orthonormal)
        {
            return;
        }

        if (kind != ProjectionKind.Dense)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), $"projection.kind: the exact projector supports orthonormal and dense, not {kind}.");
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var gram = theta.T.matmul(theta).to(ScalarType.Float64);
        _gramFactor = torch.linalg.cholesky(gram).MoveToOuterDisposeScope();
    }

    /// <summary>d.</summary>
    public long Dimension => _theta.shape[1];

    /// <summary>c(v) = argmin_c ‖v − Θc‖, a d-vector (float32).</summary>
    public Tensor Coefficients(Tensor v)
    {
        if (_gramFactor is null)
        {
            return _theta.T.mv(v);
        }

        using var scope = torch.NewDisposeScope();
        var rhs = _theta.T.mv(v).to(ScalarType.Float64).unsqueeze(1);
        var solved = torch.cholesky_solve(rhs, _gramFactor).squeeze(1).to(ScalarType.Float32);
        return solved.MoveToOuterDisposeScope();
    }

    /// <summary>Θ·c, a D-vector.</summary>
    public Tensor Embed(Tensor coefficients) => _theta.mv(coefficients);

    /// <summary>‖(I − P_Θ)v‖², differentiable in v.</summary>
    public Tensor ResidualSquaredNorm(Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var residual = v - Embed(Coefficients(v));
        return residual.dot(residual).MoveToOuterDisposeScope();
    }

    public void Dispose() => _gramFactor?.Dispose();
}
