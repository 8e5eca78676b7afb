using Sweep.Core.Grid;
using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

public sealed class TopologySpecTests
{
    // Demo (23 lines) on 8×8 synthetic images, a cnn of 8 filters 3×3; the topology block starts on line 25.
    private static readonly string CnnDemo = SpecSamples.Valid
        .Replace("  features: 20", "  features: 64", StringComparison.Ordinal)
        .Replace("  kind: mlp\n  widths: [20, 16, 4]", "  kind: cnn\n  filters: 8", StringComparison.Ordinal);

    private static string WithTopology(string block) => CnnDemo + "\ntopology:\n" + block;

    [Fact]
    public void A_topology_block_reads_its_fields_and_makes_every_trial_keep_its_filters()
    {
        var spec = SpecReader.Read(WithTopology("  k: 5\n  p: 40\n  landmarks: 60\n  circle_persistence: 0.4\n  group_by: sweep\n  min_contrast: 0.1"), "t.yaml");

        Assert.Equal(new TopologySpec(5, 40, 60, 0.4, TopologyGroupBy.Sweep) { MinContrast = 0.1 }, spec.Topology);
        Assert.Equal(0.4, spec.Topology!.ToOptions().KeepFraction);
        var trials = SweepGrid.Expand(spec);
        Assert.All(trials, t => Assert.True(t.KeepFilters));
        var group = Assert.Single(TopologyGrid.Groups(trials, spec.Topology));
        Assert.Equal(4, group.Members.Count);
        Assert.Equal("whole sweep", group.Label);
    }

    [Fact]
    public void Grouped_by_grid_point_each_d_pools_its_seeds_and_the_baseline_is_its_own_group()
    {
        var spec = SpecReader.Read(WithTopology("  k: 3").Replace("  kind: orthonormal", "  kind: [orthonormal, none]", StringComparison.Ordinal), "t.yaml");

        var groups = TopologyGrid.Groups(SweepGrid.Expand(spec), spec.Topology!);

        Assert.Equal(["d=5", "d=10", "full training"], groups.Select(g => g.Label));
        Assert.All(groups, g => Assert.Equal(2, g.Members.Count));
        Assert.Equal(3, groups.Select(g => g.GroupId).Distinct().Count());
        Assert.All(groups, g => Assert.StartsWith("t-", g.GroupId, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_apply_and_a_spec_without_the_block_keeps_no_filters()
    {
        var spec = SpecReader.Read(WithTopology("  group_by: grid_point"), "t.yaml");
        var plain = SpecReader.Read(CnnDemo, "t.yaml");

        Assert.Equal(new TopologySpec(TopologySpec.DefaultK, TopologySpec.DefaultKeepPercent, TopologySpec.DefaultLandmarks, TopologySpec.DefaultCirclePersistence, TopologyGroupBy.GridPoint), spec.Topology);
        Assert.Null(plain.Topology);
        Assert.All(SweepGrid.Expand(plain), t => Assert.False(t.KeepFilters));
        Assert.DoesNotContain("KeepFilters", System.Text.Json.JsonSerializer.Serialize(SweepGrid.Expand(plain)[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  p: 150", "topology.p", 26, 6, "in (0, 100]")]
    [InlineData("  p: 0", "topology.p", 26, 6, "")]
    [InlineData("  k: 16", "topology.k", 26, 6, "16 filters of a group (2 trial(s) × 8 filters)")]
    [InlineData("  k: 0", "topology.k", 26, 6, "")]
    [InlineData("  landmarks: 1", "topology.landmarks", 26, 14, "")]
    [InlineData("  landmarks: 5000", "topology.landmarks", 26, 14, "")]
    [InlineData("  circle_persistence: 2.5", "topology.circle_persistence", 26, 23, "no distance exceeds 2")]
    [InlineData("  circle_persistence: -0.1", "topology.circle_persistence", 26, 23, "")]
    [InlineData("  min_contrast: 1", "topology.min_contrast", 26, 17, "[0, 1)")]
    [InlineData("  group_by: seed", "topology.group_by", 26, 13, "expected one of: grid_point, sweep")]
    [InlineData("  k: three", "topology.k", 26, 6, "")]
    [InlineData("  landmark: 50", "topology.landmark", 26, 3, "")]
    public void Every_bad_field_is_named_with_its_line_and_column(string block, string field, int line, int column, string reason)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(WithTopology(block), "t.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal((field, line, column), (error.Field, error.Line, error.Column));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"t.yaml:{line}:{column}: {field}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_block_needs_a_cnn()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(SpecSamples.Valid + "\ntopology:\n  k: 3", "t.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("topology", 26), (error.Field, error.Line));
        Assert.Contains("needs model.kind: cnn, not mlp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_block_does_not_combine_with_an_mi_block()
    {
        var yaml = WithTopology("  k: 3").Replace("  seeds: 2", "", StringComparison.Ordinal) + "\nmi:\n  trainings_per_projection: 4";

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "t.yaml"));

        Assert.Contains(e.Errors, x => x.Field == "topology" && x.Message.Contains("does not combine with an mi block", StringComparison.Ordinal));
    }
}
