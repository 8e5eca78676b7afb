using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Topology;

namespace Sweep.Core.Tests.Topology;

public sealed class TopologyGroupEstimateTests
{
    private static readonly TopologyGroup Group = new("t-000000000001", 40, "orthonormal", "s", []);
    private static readonly TopologySpec Spec = new(K: 10, KeepPercent: 50, Landmarks: 150, CirclePersistence: 0.5, TopologyGroupBy.GridPoint);

    [Fact]
    public void Edge_filters_pooled_over_four_trainings_show_one_circle()
    {
        // 4 trainings × 150 oriented 3×3 edges (noise 0.1): the primary circle (as FilterTopologyTests, pooled here).
        var trainings = Enumerable.Range(0, 4).Select(s => Floats(SyntheticFilters.OrientedEdges(150, 3, 0.1, seed: s + 1))).ToList();

        var estimate = TopologyGroupEstimate.Compute(Group, Spec, trainings, 9);

        Assert.Equal((4, 600, 300), (estimate.Trainings, estimate.Filters, estimate.Dense));
        Assert.Equal(150, estimate.LandmarkCount);
        Assert.Equal(1, estimate.CircleCount);
        Assert.True(estimate.LongestH1Persistence > 1, $"longest H1 bar {estimate.LongestH1Persistence}");
        Assert.Equal(estimate.H1.Count(b => b.Persistence > 0.5), estimate.CircleCount);
        Assert.Equal(150 * 9, estimate.LandmarkFilters.Length);
    }

    [Fact]
    public void Noise_filters_show_no_circle()
    {
        var trainings = Enumerable.Range(0, 4).Select(s => Floats(SyntheticFilters.Noise(150, 3, seed: 10 + s))).ToList();

        var estimate = TopologyGroupEstimate.Compute(Group, Spec, trainings, 9);

        Assert.Equal(0, estimate.CircleCount);
    }

    [Fact]
    public void Filters_that_do_not_fill_whole_kernels_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TopologyGroupEstimate.Compute(Group, Spec, [new float[10]], 9));
    }

    private static float[] Floats(Core.Estimators.SampleMatrix m) =>
        [.. Enumerable.Range(0, m.Count).SelectMany(i => Enumerable.Range(0, m.Dimension).Select(j => (float)m[i, j]))];
}
