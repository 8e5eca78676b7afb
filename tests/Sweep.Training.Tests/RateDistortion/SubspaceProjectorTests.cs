using Sweep.Core.Specs;
using Sweep.Training.RateDistortion;
using Sweep.Training.Subspace;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.RateDistortion;

public sealed class SubspaceProjectorTests : TorchTestBase
{
    [Theory]
    [InlineData(ProjectionKind.Orthonormal)]
    [InlineData(ProjectionKind.Dense)]
    public void Projector_is_idempotent_and_fixes_the_columns_of_theta(ProjectionKind kind)
    {
        using var scope = torch.NewDisposeScope();
        var theta = RandomProjection.Create(kind, parameterCount: 200, dimension: 12, seed: 5, torch.CPU);
        using var projector = new SubspaceProjector(kind, theta);
        using var generator = new torch.Generator(9, torch.CPU);
        var v = torch.randn([200], generator: generator);

        var once = projector.Embed(projector.Coefficients(v));
        var twice = projector.Embed(projector.Coefficients(once));
        Assert.True(once.allclose(twice, rtol: 1e-4, atol: 1e-5), "P_Θ² = P_Θ");

        for (var j = 0; j < 12; j++)
        {
            var column = theta[TensorIndex.Colon, j];
            Assert.True(projector.Embed(projector.Coefficients(column)).allclose(column, rtol: 1e-4, atol: 1e-5), $"P_Θ·Θ = Θ at column {j}");
        }

        // The residual is orthogonal to span(Θ): Θᵀ(v − P v) = 0, and its squared norm is what the penalty uses.
        var residual = v - once;
        Assert.True(theta.T.mv(residual).abs().max().ToDouble() < 1e-4);
        Assert.Equal(residual.dot(residual).ToDouble(), projector.ResidualSquaredNorm(v).ToDouble(), 4);
    }

    [Fact]
    public void Dense_projector_is_not_theta_theta_transpose()
    {
        using var scope = torch.NewDisposeScope();
        var theta = RandomProjection.Create(ProjectionKind.Dense, parameterCount: 60, dimension: 20, seed: 3, torch.CPU);
        using var projector = new SubspaceProjector(ProjectionKind.Dense, theta);
        using var generator = new torch.Generator(4, torch.CPU);
        var v = torch.randn([60], generator: generator);

        var naive = theta.mv(theta.T.mv(v));
        var exact = projector.Embed(projector.Coefficients(v));

        // ΘΘᵀ is not a projector for unit-norm Gaussian columns; the least-squares projector is.
        Assert.False(naive.allclose(exact, rtol: 1e-2, atol: 1e-2));
        Assert.True(theta.T.mv(v - exact).abs().max().ToDouble() < 1e-4);
    }
}
