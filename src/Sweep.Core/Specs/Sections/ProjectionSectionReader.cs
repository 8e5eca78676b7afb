using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the optional <c>projection:</c> section (the kind of Θ); orthonormal when absent. <c>kind</c> is one name, or
/// a list of one subspace kind and <c>none</c> (the full-training baseline) to put the baseline in the same sweep.
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

        r.RejectUnknownKeys(node, "projection", "kind");
        if (r.Child(node, "kind") is YamlSequenceNode list)
        {
            return ReadList(r, list);
        }

        var kind = r.Enum(node, "projection", "kind", required: false, Names, ProjectionKind.Orthonormal);
        return new ProjectionSpec(kind ?? ProjectionKind.Orthonormal);
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
