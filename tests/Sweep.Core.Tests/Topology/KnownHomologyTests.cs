using Sweep.Core.Topology;

namespace Sweep.Core.Tests.Topology;

/// <summary>
/// Clouds whose homology is known: the number of H₁ bars longer than a stated persistence must be the first Betti
/// number of the shape. Each cloud comes from a fixed seed; noise is isotropic Gaussian σ.
/// </summary>
public sealed class KnownHomologyTests
{
    [Fact]
    public void A_noisy_circle_has_one_long_loop()
    {
        // 100 points on the unit circle, σ = 0.05: the loop lives from the sampling gap (< 0.2) to about √3.
        var bars = VietorisRips.Compute(Clouds.Matrix(Clouds.Circle(100, 1, 0.05, 1)));

        Assert.Equal(1, LongLoops(bars, 0.5));
        Assert.InRange(bars.H1.Max(b => b.Persistence), 1.2, 1.8);
        Assert.Single(bars.H0, b => b.IsEssential);
    }

    [Fact]
    public void Two_disjoint_circles_have_two_long_loops_and_two_long_components()
    {
        // Unit circles 5 apart (gap 3), 80 points each, σ = 0.05.
        var points = Clouds.Circle(80, 1, 0.05, 2).Concat(Clouds.Circle(80, 1, 0.05, 3, cx: 5)).ToList();
        var bars = VietorisRips.Compute(Clouds.Matrix(points));

        Assert.Equal(2, LongLoops(bars, 0.5));
        Assert.Single(bars.H0, b => b.IsEssential);
        Assert.Single(bars.H0, b => !b.IsEssential && b.Death > 2.5);
    }

    [Fact]
    public void A_figure_eight_has_two_long_loops()
    {
        // Two unit circles touching at the origin, 80 points each, σ = 0.03.
        var points = Clouds.Circle(80, 1, 0.03, 4, cx: -1).Concat(Clouds.Circle(80, 1, 0.03, 5, cx: 1)).ToList();
        var bars = VietorisRips.Compute(Clouds.Matrix(points));

        Assert.Equal(2, LongLoops(bars, 0.5));
    }

    [Fact]
    public void A_flat_torus_has_two_long_loops()
    {
        // The Clifford torus in R^4 on a jittered 20 × 20 grid of angles, σ = 0.02: β₁ = 2.
        var bars = VietorisRips.Compute(Clouds.Matrix(Clouds.FlatTorus(20, 0.02, 6)));

        Assert.Equal(2, LongLoops(bars, 0.5));
        Assert.Single(bars.H0, b => b.IsEssential);
    }

    [Fact]
    public void A_uniform_blob_has_no_long_loop()
    {
        // 300 points uniform in the unit square: every loop is a sampling gap (the longest here persists 0.11), none
        // persists 0.2, a hole a fifth of the square wide.
        var bars = VietorisRips.Compute(Clouds.Matrix(Clouds.UniformCube(300, 2, 7)));

        Assert.NotEmpty(bars.H1);
        Assert.True(LongLoops(bars, 0.2) == 0, string.Join(", ", bars.H1.OrderByDescending(b => b.Persistence).Take(5)));
    }

    [Fact]
    public void Dimension_zero_only_leaves_h1_empty_and_h0_unchanged()
    {
        var cloud = Clouds.Matrix(Clouds.Circle(50, 1, 0.05, 9));

        var both = VietorisRips.Compute(cloud);
        var zero = VietorisRips.Compute(cloud, new RipsOptions(MaxDimension: 0));

        Assert.Empty(zero.H1);
        Assert.NotEmpty(both.H1);
        Assert.Equal(both.H0, zero.H0);
    }

    [Fact]
    public void A_threshold_below_the_gap_leaves_each_circle_a_component_and_its_loop_essential()
    {
        // Circles 5 apart, cut at 0.5: past the sampling gaps, before each loop fills (≈ √3) or the circles meet (3).
        var points = Clouds.Circle(60, 1, 0.02, 10).Concat(Clouds.Circle(60, 1, 0.02, 11, cx: 5)).ToList();
        var bars = VietorisRips.Compute(Clouds.Matrix(points), new RipsOptions(Threshold: 0.5));

        Assert.Equal(0.5, bars.Threshold);
        Assert.Equal(2, bars.H0.Count(b => b.IsEssential));
        Assert.Equal(2, bars.H1.Count(b => b.IsEssential));
    }

    [Fact]
    public void Single_point_and_pair_have_the_obvious_barcodes()
    {
        var one = VietorisRips.Compute(DistanceMatrix.FromSquare(new double[,] { { 0 } }));
        var two = VietorisRips.Compute(DistanceMatrix.FromSquare(new double[,] { { 0, 2 }, { 2, 0 } }));

        Assert.Equal([new PersistenceInterval(0, double.PositiveInfinity)], one.H0);
        Assert.Equal([new PersistenceInterval(0, 2), new PersistenceInterval(0, double.PositiveInfinity)], two.H0);
        Assert.Empty(two.H1);
    }

    [Fact]
    public void A_square_has_one_loop_from_its_side_to_its_diagonal()
    {
        // The 4-cycle with sides 1 and diagonals 1.5 (not Euclidean): H₁ = [1, 1.5).
        var s = new double[,] { { 0, 1, 1.5, 1 }, { 1, 0, 1, 1.5 }, { 1.5, 1, 0, 1 }, { 1, 1.5, 1, 0 } };

        var bars = VietorisRips.Compute(DistanceMatrix.FromSquare(s));

        Assert.Equal([new PersistenceInterval(1, 1.5)], bars.H1);
        Assert.Equal(3, bars.H0.Count(b => b.Death == 1));
    }

    private static int LongLoops(PersistenceBarcodes bars, double persistence) => bars.H1.Count(b => b.Persistence > persistence);
}
