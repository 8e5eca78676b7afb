using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the optional <c>projection:</c> section (the kind of Θ); orthonormal when absent. <c>kind</c> is one name, or
/// a list of one subspace kind and <c>none</c> (the full-training baseline) to put the baseline in the same sweep.
/// <c>baseline_learning_rate</c> gives the baseline its own step size (it applies only where there are baseline trials,
/// and not beside a <c>grid.learning_rate</c> axis, which would leave unclear which rate the baseline takes).
/// </summary>
internal static class ProjectionSectionReader
{
    private static readonly Dictionary<string, ProjectionKind> Names = new()
    {
        ["orthonormal"] = ProjectionKind.Orthonormal,
        ["dense"] = ProjectionKind.Dense,
        ["sparse"] = ProjectionKind.Sparse,
        ["fastfood"] = ProjectionKind.Fastfood,
        ["none"] = ProjectionKind.None,
    };

    public static ProjectionSpec Read(YamlFieldReader r, YamlMappingNode root)
    {
        var node = r.Section(root, "", "projection", required: false);
        if (node is null)
        {
            return new ProjectionSpec(ProjectionKind.Orthonormal);
        }

        r.RejectUnknownKeys(node, "projection", "kind", "baseline_learning_rate");
        var spec = r.Child(node, "kind") is YamlSequenceNode list
            ? ReadList(r, list)
            : new ProjectionSpec(r.Enum(node, "projection", "kind", required: false, Names, ProjectionKind.Orthonormal) ?? ProjectionKind.Orthonormal);
        if (r.Child(node, "baseline_learning_rate") is not { } rateNode)
        {
            return spec;
        }

        var rate = r.Double(node, "projection", "baseline_learning_rate", required: true, min: 0, exclusiveMin: true);
        if (!spec.HasBaselineTrials)
        {
            r.Error(rateNode, "projection.baseline_learning_rate", "applies to the full-training baseline; add none to projection.kind (e.g. [fastfood, none]) or remove it");
        }
        else if (r.Child(root, "grid") is YamlMappingNode grid && r.Child(grid, ScalarAxis.LearningRate) is not null)
        {
            r.Error(rateNode, "projection.baseline_learning_rate", "does not combine with a grid.learning_rate axis: the baseline would take one rate while the axis sweeps others");
        }

        return spec with { BaselineLearningRate = rate };
    }

    private static ProjectionSpec ReadList(YamlFieldReader r, YamlSequenceNode list)
    {
        var kinds = new List<ProjectionKind>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            if (item is YamlScalarNode { Value: { } name } && Names.TryGetValue(name, out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                r.Error(item, $"projection.kind[{i}]", $"must be one of {string.Join(", ", Names.Keys)}");
            }
        }

        var subspace = kinds.Where(k => k != ProjectionKind.None).Distinct().ToList();
        var baseline = kinds.Contains(ProjectionKind.None);
        if (subspace.Count != 1 || !baseline)
        {
            r.Error(list, "projection.kind", "a list holds exactly one subspace kind and none (the full-training baseline), e.g. [fastfood, none]");
            return new ProjectionSpec(subspace.FirstOrDefault());
        }

        return new ProjectionSpec(subspace[0]) { Baseline = true };
    }
}
