using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads the optional <c>projection:</c> section (the kind of Θ); orthonormal when absent.</summary>
internal static class ProjectionSectionReader
{
    private static readonly Dictionary<string, ProjectionKind> Names = new()
    {
        ["orthonormal"] = ProjectionKind.Orthonormal,
        ["dense"] = ProjectionKind.Dense,
    };

    public static ProjectionSpec Read(YamlFieldReader r, YamlMappingNode root)
    {
        var node = r.Section(root, "", "projection", required: false);
        if (node is null)
        {
            return new ProjectionSpec(ProjectionKind.Orthonormal);
        }

        r.RejectUnknownKeys(node, "projection", "kind");
        var kind = r.Enum(node, "projection", "kind", required: false, Names, ProjectionKind.Orthonormal);
        return new ProjectionSpec(kind ?? ProjectionKind.Orthonormal);
    }
}
