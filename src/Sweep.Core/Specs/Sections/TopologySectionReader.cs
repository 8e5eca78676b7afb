using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads and checks the optional <c>topology:</c> block of a spec (see <see cref="TopologySpec"/>).</summary>
internal static class TopologySectionReader
{
    private static readonly Dictionary<string, TopologyGroupBy> GroupNames = new()
    {
        ["grid_point"] = TopologyGroupBy.GridPoint,
        ["sweep"] = TopologyGroupBy.Sweep,
    };

    /// <summary>The most landmarks one group may hand to Rips: its H₁ at 1,000 points takes seconds on one core.</summary>
    public const int MaxLandmarks = 1_000;

    public static TopologySpec? Read(YamlFieldReader r, YamlMappingNode root, ModelSpec? model, GridSpec? grid, bool isLora)
    {
        var node = r.Section(root, "", "topology", required: false);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "topology", "k", "p", "landmarks", "circle_persistence", "group_by", "min_contrast");
        if (isLora)
        {
            r.Error(node, "topology", "the topology block applies to subspace and full-training sweeps of a cnn, not to LoRA sweeps");
        }
        else if (model is not null && model.Kind != ModelKind.Cnn)
        {
            r.Error(node, "topology", $"studies the first-layer filters of a convolutional network; it needs model.kind: cnn, not {model.Kind.ToString().ToLowerInvariant()}");
        }

        if (r.Child(root, "mi") is not null)
        {
            r.Error(node, "topology", "does not combine with an mi block (its groups share one Θ; topology groups pool seeds); run them as two sweeps");
        }

        var k = r.Int(node, "topology", "k", required: false, fallback: TopologySpec.DefaultK, min: 1, max: 10_000);
        var p = r.Double(node, "topology", "p", required: false, fallback: TopologySpec.DefaultKeepPercent, min: 0, exclusiveMin: true);
        if (p is > 100)
        {
            r.Error(r.Child(node, "p"), "topology.p", $"is the percentage of filters kept in the density core, in (0, 100]; got {p}");
        }

        var landmarks = r.Int(node, "topology", "landmarks", required: false, fallback: TopologySpec.DefaultLandmarks, min: 2, max: MaxLandmarks);
        var persistence = r.Double(node, "topology", "circle_persistence", required: false, fallback: TopologySpec.DefaultCirclePersistence, min: 0, exclusiveMin: true);
        if (persistence is >= 2)
        {
            r.Error(r.Child(node, "circle_persistence"), "topology.circle_persistence",
                $"normalized filters lie on the unit sphere, where no distance exceeds 2, so no bar can persist {persistence}; choose a value in (0, 2)");
        }

        var contrast = r.Double(node, "topology", "min_contrast", required: false, fallback: Topology.FilterNormalization.DefaultMinContrast, min: 0);
        if (contrast is >= 1)
        {
            r.Error(r.Child(node, "min_contrast"), "topology.min_contrast", $"is a fraction of a filter's norm in [0, 1); got {contrast}");
        }

        var groupBy = r.Enum(node, "topology", "group_by", required: false, GroupNames, TopologyGroupBy.GridPoint);
        if (k is { } kk && groupBy is { } by && model?.Cnn is { } cnn && grid is not null)
        {
            // The fewest filters a group pools: one grid point's seeds, or (group_by: sweep) every trial.
            var trials = by == TopologyGroupBy.Sweep
                ? (long)grid.Seeds.Count * (grid.Dimensions.Count + 1)
                : grid.Seeds.Count;
            if (kk >= trials * cnn.Filters)
            {
                r.Error(r.Child(node, "k") ?? node, "topology.k",
                    $"the density of a filter is the distance to its k-th neighbour among the {trials * cnn.Filters} filters of a group ({trials} trial(s) × {cnn.Filters} filters); k = {kk} needs more");
            }
        }

        return k is null || p is null || landmarks is null || persistence is null || contrast is null || groupBy is null
            ? null
            : new TopologySpec(k.Value, p.Value, landmarks.Value, persistence.Value, groupBy.Value) { MinContrast = contrast.Value };
    }
}
