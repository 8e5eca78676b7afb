using Sweep.Core.Estimators;
using Sweep.Core.Topology;

namespace Sweep.Core.Tests.Topology;

public sealed class FilterTopologyTests
{
    [Fact]
    public void Oriented_edge_filters_among_noise_show_one_long_h1_bar()
    {
        // 600 noisy 3×3 edges (σ = 0.1 per pixel, random gain and offset) and 200 Gaussian-noise filters; the density
        // core (K = 10, p = 50%) holds the edges, 150 landmarks of it carry the primary circle.
        var filters = SyntheticFilters.Concat(SyntheticFilters.OrientedEdges(600, 3, 0.1, 1), SyntheticFilters.Noise(200, 3, 2));

        var result = FilterTopology.Analyze(filters, new FilterTopologyOptions(K: 10, KeepFraction: 0.5, Landmarks: 150));

        Assert.Equal(1, result.CircleCount);
        Assert.True(result.LongestH1!.Value.Persistence > 1.0, $"longest H1 bar {result.LongestH1}");
        Assert.True(result.LandmarkRows.Count(r => r >= 600) <= 3, "the density core should have left the noise filters out");
        Assert.Equal((800, 800, 400, 150), (result.Filters, result.Contrasted, result.Dense, result.Landmarks.Count));
    }

    [Fact]
    public void Five_by_five_edges_also_lie_on_one_circle()
    {
        var result = FilterTopology.Analyze(SyntheticFilters.OrientedEdges(500, 5, 0.1, 3), new FilterTopologyOptions(Landmarks: 120));

        Assert.Equal(1, result.CircleCount);
    }

    [Fact]
    public void Noise_filters_show_no_circle()
    {
        var result = FilterTopology.Analyze(SyntheticFilters.Noise(600, 3, 4), new FilterTopologyOptions(Landmarks: 150));

        Assert.Equal(0, result.CircleCount);
        Assert.NotEmpty(result.Barcodes.H1);
    }

    [Fact]
    public void Near_constant_filters_are_dropped_and_the_rest_are_centred_unit_vectors()
    {
        var filters = SampleMatrix.FromRows([
            [1.0, 2.0, 3.0, 4.0],
            [5.0, 5.0, 5.0, 5.0],
            [10.0, 10.01, 10.0, 10.0],
            [0.0, 0.0, 0.0, 0.0],
            [-2.0, 0.0, 0.0, 2.0],
        ]);

        var (normalized, kept) = FilterNormalization.CentreAndNormalize(filters);

        Assert.Equal([0, 4], kept);
        for (var r = 0; r < normalized!.Count; r++)
        {
            var row = normalized.Row(r).ToArray();
            Assert.Equal(0, row.Sum(), 12);
            Assert.Equal(1, Math.Sqrt(row.Sum(v => v * v)), 12);
        }
    }

    [Fact]
    public void Kth_neighbour_distance_and_the_dense_core()
    {
        // On a line: 0, 1, 2, 3 are tight, 10 and 20 are far. δ_2(0) = 2, δ_2(1) = 1, δ_2(10) = 8, δ_2(20) = 17.
        var points = SampleMatrix.FromColumn([0.0, 1, 2, 3, 10, 20]);

        var delta = KnnDensity.KthNeighbourDistances(points, 2);
        var core = KnnDensity.DensestFraction(points, 2, 0.5);

        Assert.Equal([2.0, 1, 1, 2, 8, 17], delta);
        Assert.Equal([1, 2, 0], core);
    }

    [Fact]
    public void Max_min_landmarks_take_the_farthest_point_each_time()
    {
        var points = SampleMatrix.FromColumn([0.0, 1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Equal([0, 8, 4, 2, 6], MaxMinLandmarks.Select(points, 5));
        Assert.Equal(9, MaxMinLandmarks.Select(points, 20).Length);
    }

    [Fact]
    public void Too_few_contrasted_filters_for_the_density_core_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FilterTopology.Analyze(SyntheticFilters.OrientedEdges(5, 3, 0.1, 5)));

        Assert.Contains("needs more than K = 10", error.Message);
    }
}
