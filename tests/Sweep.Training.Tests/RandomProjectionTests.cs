using Sweep.Core.Specs;
using Sweep.Training.Subspace;
using TorchSharp;

namespace Sweep.Training.Tests;

public sealed class RandomProjectionTests : TorchTestBase
{
    [Fact]
    public void Orthonormal_projection_has_orthonormal_columns()
    {
        using var theta = RandomProjection.Create(ProjectionKind.Orthonormal, 2000, 40, seed: 3, torch.CPU);
        using var gram = theta.t().matmul(theta);
        using var identity = torch.eye(40);
        using var deviation = (gram - identity).abs().max();

        Assert.Equal([2000L, 40L], theta.shape);
        Assert.Equal(torch.ScalarType.Float32, theta.dtype);
        Assert.True(deviation.ToSingle() < 1e-5f, $"max |ΘᵀΘ − I| = {deviation.ToSingle()}");
    }

    [Theory]
    [InlineData(ProjectionKind.Orthonormal)]
    [InlineData(ProjectionKind.Dense)]
    public void Projection_is_deterministic_per_seed_and_differs_across_seeds(ProjectionKind kind)
    {
        using var a = RandomProjection.Create(kind, 500, 8, seed: 42, torch.CPU);
        using var b = RandomProjection.Create(kind, 500, 8, seed: 42, torch.CPU);
        using var c = RandomProjection.Create(kind, 500, 8, seed: 43, torch.CPU);

        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.NotEqual(a.data<float>().ToArray(), c.data<float>().ToArray());
    }

    [Fact]
    public void Dense_projection_has_unit_norm_columns_that_are_not_orthogonal()
    {
        using var theta = RandomProjection.Create(ProjectionKind.Dense, 300, 20, seed: 1, torch.CPU);
        using var norms = torch.linalg.vector_norm(theta, dims: [0]);
        using var gram = theta.t().matmul(theta);
        using var offDiagonal = (gram - torch.eye(20)).abs().max();

        Assert.All(norms.data<float>().ToArray(), n => Assert.Equal(1f, n, 1e-5f));
        Assert.True(offDiagonal.ToSingle() > 1e-3f);
    }

    [Fact]
    public void Orthonormal_projection_has_a_positive_r_diagonal_convention()
    {
        // With diag(R) > 0 the QR is unique, so Θ's first column is the normalized first Gaussian column: their
        // inner product is positive.
        using var theta = RandomProjection.Create(ProjectionKind.Orthonormal, 1000, 5, seed: 8, torch.CPU);
        using var generator = new torch.Generator(8, torch.CPU);
        using var gaussian = torch.empty([1000, 5]).normal_(generator: generator);
        using var dot = theta[.., 0].dot(gaussian[.., 0]);
        using var norm = gaussian[.., 0].norm();

        Assert.Equal(norm.ToSingle(), dot.ToSingle(), 1e-3f);
    }
}
