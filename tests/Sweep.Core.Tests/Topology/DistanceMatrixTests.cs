using Sweep.Core.Topology;

namespace Sweep.Core.Tests.Topology;

public sealed class DistanceMatrixTests
{
    [Theory]
    [InlineData(new[] { 0, 1.0, 2.0, 0 }, 1, 0, "differs from the entry at (0, 1)")]
    [InlineData(new[] { 0, -1.0, -1.0, 0 }, 0, 1, "negative")]
    [InlineData(new[] { 0.5, 1.0, 1.0, 0 }, 0, 0, "diagonal")]
    [InlineData(new[] { 0, double.NaN, double.NaN, 0 }, 0, 1, "not a finite distance")]
    public void FindProblem_names_the_first_bad_entry(double[] values, int row, int column, string reason)
    {
        var problem = DistanceMatrix.FindProblem(values, 2);

        Assert.NotNull(problem);
        Assert.Equal((row, column), (problem.Value.Row, problem.Value.Column));
        Assert.Contains(reason, problem.Value.Message);
    }

    [Fact]
    public void A_wrong_size_or_empty_matrix_is_refused()
    {
        Assert.Contains("needs 9 entries", DistanceMatrix.FindProblem(new double[8], 3)!.Value.Message);
        Assert.Contains("at least one point", DistanceMatrix.FindProblem([], 0)!.Value.Message);
        Assert.Throws<ArgumentException>(() => DistanceMatrix.FromSquare(new double[,] { { 0, 1 }, { 2, 0 } }));
    }

    [Fact]
    public void Rounding_noise_below_the_tolerance_is_symmetric_and_the_lower_triangle_is_used()
    {
        var matrix = DistanceMatrix.FromSquare([0, 1 + 1e-12, 1, 0], 2);

        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(1, matrix[1, 0]);
    }

    [Fact]
    public void Points_give_euclidean_distances_and_the_enclosing_radius()
    {
        var matrix = DistanceMatrix.FromPoints([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0]]);

        Assert.Equal(5, matrix[0, 1]);
        Assert.Equal(10, matrix[2, 0]);
        Assert.Equal(5, matrix.EnclosingRadius());
    }
}
