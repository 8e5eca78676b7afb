using Sweep.Core.Specs;
using Sweep.Training.Projections;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Projections;

/// <summary>Fastfood and sparse projections against the matrix they stand for, materialized column by column.</summary>
public sealed class StructuredProjectionTests : TorchTestBase
{
    [Theory]
    [InlineData(ProjectionKind.Fastfood, 3000, 64)]
    [InlineData(ProjectionKind.Fastfood, 1000, 1024)]
    [InlineData(ProjectionKind.Sparse, 3000, 64)]
    public void The_transform_equals_the_product_with_its_materialized_matrix(ProjectionKind kind, long rows, int columns)
    {
        using var projection = (IProjection)ProjectionFactory.Create(kind, rows, columns, seed: 5, torch.CPU);
        using var matrix = Materialize(projection);
        using var generator = new torch.Generator(9, torch.CPU);
        using var wPrime = torch.randn([columns], generator: generator);

        using var direct = Apply(projection, wPrime);
        using var viaMatrix = matrix.matmul(wPrime);

        Assert.Equal([rows], direct.shape);
        AssertClose(viaMatrix, direct, 1e-4);
    }

    [Theory]
    [InlineData(ProjectionKind.Fastfood)]
    [InlineData(ProjectionKind.Sparse)]
    public void Gradients_with_respect_to_w_prime_match_autograd_through_the_materialized_matrix(ProjectionKind kind)
    {
        const long rows = 1500;
        const int columns = 40;
        using var projection = ProjectionFactory.Create(kind, rows, columns, seed: 8, torch.CPU);
        using var matrix = Materialize(projection);
        using var generator = new torch.Generator(3, torch.CPU);
        using var target = torch.randn([rows], generator: generator);
        using var start = torch.randn([columns], generator: generator);
        using var initial = torch.randn([rows], generator: generator);

        using var viaTransform = Gradient(w => projection.Offset(initial, w), start, target);
        using var viaMatrix = Gradient(w => initial.addmv(matrix, w), start, target);

        Assert.True(viaMatrix.abs().max().ToSingle() > 1e-2f, "the gradient is not trivially zero");
        AssertClose(viaMatrix, viaTransform, 1e-4);
    }

    /// <summary>
    /// Fastfood columns are exactly unit-norm when D = L and unit-norm in expectation after truncation to D &lt; L.
    /// The truncated squared norm of a column is a sum of D of its L squared entries, roughly Gaussian ones, so its
    /// relative standard deviation is about √2·√((1 − D/L)/D) ≈ 0.013 at D = 3,000, L = 4,096: each column must lie
    /// within 0.1 (7 sd) of 1 and the mean of 64 columns within 0.02 (12 sd of the mean).
    /// </summary>
    [Fact]
    public void Fastfood_columns_have_unit_norm_exactly_at_a_power_of_two_and_in_expectation_below_it()
    {
        using var exact = ProjectionFactory.Create(ProjectionKind.Fastfood, 2048, 64, seed: 1, torch.CPU);
        Assert.All(SquaredColumnNorms(exact), n => Assert.Equal(1, n, 1e-4));

        using var truncated = ProjectionFactory.Create(ProjectionKind.Fastfood, 3000, 64, seed: 1, torch.CPU);
        var norms = SquaredColumnNorms(truncated);
        Assert.All(norms, n => Assert.InRange(n, 0.9, 1.1));
        Assert.InRange(norms.Average(), 0.98, 1.02);
        Assert.True(norms.Max() - norms.Min() > 1e-3, "truncated columns are not all exactly unit-norm");
    }

    /// <summary>
    /// Sparse columns are unit-norm by construction. The number of nonzeros is Binomial(D·d, 1/√D): at D = 10,000 and
    /// d = 50 that is 5,000 ± 71, so it must lie within 5% (3.5 sd); every entry is ±1/√(nonzeros in its column).
    /// </summary>
    [Fact]
    public void Sparse_columns_have_unit_norm_and_about_one_in_sqrt_D_entries_nonzero()
    {
        using var sparse = new SparseProjection(10_000, 50, seed: 4, torch.CPU);
        using var matrix = Materialize(sparse);

        Assert.All(SquaredColumnNorms(sparse), n => Assert.Equal(1, n, 1e-5));
        Assert.InRange(sparse.NonZeros, 4750, 5250);
        using var nonZero = matrix.ne(0).sum();
        Assert.Equal(sparse.NonZeros, nonZero.item<long>());
        Assert.True(sparse.Matrix.is_sparse);
        Assert.Equal(sparse.NonZeros * 20, sparse.Bytes);
    }

    [Theory]
    [InlineData(ProjectionKind.Fastfood)]
    [InlineData(ProjectionKind.Sparse)]
    public void Same_seed_gives_a_bit_identical_projection_and_another_seed_a_different_one(ProjectionKind kind)
    {
        using var a = ProjectionFactory.Create(kind, 5000, 30, seed: 42, torch.CPU);
        using var b = ProjectionFactory.Create(kind, 5000, 30, seed: 42, torch.CPU);
        using var c = ProjectionFactory.Create(kind, 5000, 30, seed: 43, torch.CPU);
        using var wPrime = torch.linspace(-1, 1, 30);

        using var ya = Apply(a, wPrime);
        using var yb = Apply(b, wPrime);
        using var yc = Apply(c, wPrime);

        Assert.Equal(ya.data<float>().ToArray(), yb.data<float>().ToArray());
        Assert.NotEqual(ya.data<float>().ToArray(), yc.data<float>().ToArray());
    }

    [Fact]
    public void Fastfood_takes_d_up_to_the_padded_length_and_refuses_more()
    {
        using var full = new FastfoodProjection(1000, 1024, seed: 2, torch.CPU);
        Assert.Equal(1024, full.Length);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FastfoodProjection(1000, 1025, seed: 2, torch.CPU));
        Assert.Contains("d ≤ L = 1024", error.Message);
    }

    private static Tensor Apply(IProjection projection, Tensor wPrime)
    {
        using var zeros = torch.zeros(projection.Rows);
        return projection.Offset(zeros, wPrime);
    }

    /// <summary>Θ, one column Θ·e_j at a time.</summary>
    internal static Tensor Materialize(IProjection projection)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var columns = Enumerable.Range(0, projection.Columns).Select(j =>
        {
            var basis = torch.zeros(projection.Columns);
            basis[j] = 1;
            return Apply(projection, basis);
        }).ToList();
        return torch.stack(columns, 1).MoveToOuterDisposeScope();
    }

    private static double[] SquaredColumnNorms(IProjection projection)
    {
        using var matrix = Materialize(projection);
        using var norms = torch.linalg.vector_norm(matrix.to(ScalarType.Float64), dims: [0]).square();
        return norms.data<double>().ToArray();
    }

    /// <summary>∇ of Σ sin(θ(w)) ⊙ target at <paramref name="start"/>.</summary>
    private static Tensor Gradient(Func<Tensor, Tensor> theta, Tensor start, Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        var w = start.clone().requires_grad_(true);
        var loss = theta(w).sin().mul(target).sum();
        loss.backward();
        return w.grad!.clone().MoveToOuterDisposeScope();
    }

    private static void AssertClose(Tensor expected, Tensor actual, double relative)
    {
        using var difference = (expected - actual).abs().max();
        using var scale = expected.abs().max();
        Assert.True(difference.ToDouble() <= relative * scale.ToDouble(), $"max |difference| = {difference.ToDouble()} against max |value| = {scale.ToDouble()}");
    }
}
