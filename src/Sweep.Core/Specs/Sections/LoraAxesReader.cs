using Sweep.Core.Lora;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the LoRA axes of the <c>grid:</c> section, <c>rank</c> and <c>mode</c>. A LoRA grid has no d: its trained
/// dimension p follows from r, the mode and the adapted shapes. A subspace grid may not have these axes.
/// </summary>
internal static class LoraAxesReader
{
    public static readonly string[] Axes = ["rank", "mode"];

    public static (List<int>? Ranks, List<LoraMode>? Modes) Read(YamlFieldReader r, YamlMappingNode grid, bool isLora)
    {
        if (!isLora)
        {
            foreach (var axis in Axes)
            {
                if (r.Child(grid, axis) is { } extra)
                {
                    r.Error(extra, "grid." + axis, "applies only to LoRA sweeps; add the pretrain and lora sections");
                }
            }

            return (null, null);
        }

        if (r.Child(grid, "d") is { } d)
        {
            r.Error(d, "grid.d", "a LoRA sweep has no d axis: its trained dimension p (r·Σd_out, r·Σd_in or r·Σ(d_in+d_out)) follows from grid.rank and grid.mode");
        }

        var ranks = r.IntList(grid, "grid", "rank", required: true, min: 1, max: 1 << 16);
        return (ranks, ReadModes(r, grid));
    }

    /// <summary>grid.mode: one mode or a list of distinct ones; every mode when absent.</summary>
    private static List<LoraMode>? ReadModes(YamlFieldReader r, YamlMappingNode grid)
    {
        var node = r.Child(grid, "mode");
        if (node is null)
        {
            return [.. LoraModes.All];
        }

        IReadOnlyList<YamlNode> items = node switch
        {
            YamlSequenceNode sequence => [.. sequence.Children],
            YamlScalarNode => [node],
            _ => [],
        };
        if (items.Count == 0)
        {
            r.Error(node, "grid.mode", "must be a mode or a non-empty list of modes (B-only, A-only, both)");
            return null;
        }

        var modes = new List<LoraMode>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = node is YamlSequenceNode ? $"grid.mode[{i}]" : "grid.mode";
            try
            {
                modes.Add(LoraModes.Parse((items[i] as YamlScalarNode)?.Value ?? ""));
            }
            catch (FormatException)
            {
                r.Error(items[i], field, $"unknown mode '{(items[i] as YamlScalarNode)?.Value}'; expected one of: B-only, A-only, both");
            }
        }

        if (modes.Count != items.Count)
        {
            return null;
        }

        if (modes.Distinct().Count() != modes.Count)
        {
            r.Error(node, "grid.mode", "lists a mode more than once");
            return null;
        }

        return modes;
    }
}
