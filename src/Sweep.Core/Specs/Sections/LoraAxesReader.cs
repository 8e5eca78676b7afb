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

    /// <summary>
    /// A rank r adapter B·A of a d_out×d_in matrix has rank at most min(d_in, d_out): a larger r trains more numbers
    /// (p grows, the bound loosens) without adding any rank, and its curve point would be labelled with a rank it does
    /// not have. Refused like d &gt; D in a subspace sweep, naming the rank and the adapted layer.
    /// </summary>
    public static void CheckRanks(YamlFieldReader r, YamlMappingNode root, IReadOnlyList<int> ranks, ModelSpec model, LoraSpec lora)
    {
        var linear = LoraLayers.Linear(model);
        var adapted = (lora.Layers ?? Enumerable.Range(0, linear.Count).ToList()).Where(l => l >= 0 && l < linear.Count).Order().ToList();
        if (adapted.Count == 0)
        {
            return;
        }

        var narrowest = adapted.MinBy(l => Math.Min(linear[l].Inputs, linear[l].Outputs));
        var side = Math.Min(linear[narrowest].Inputs, linear[narrowest].Outputs);
        var rankNode = r.Child(root, "grid") is YamlMappingNode grid ? r.Child(grid, "rank") : null;
        for (var i = 0; i < ranks.Count; i++)
        {
            if (ranks[i] > side)
            {
                var (node, field) = rankNode is YamlSequenceNode list && i < list.Children.Count ? (list.Children[i], $"grid.rank[{i}]") : (rankNode, "grid.rank");
                r.Error(node, field, $"r = {ranks[i]} exceeds the smaller side of adapted layer {narrowest} ({linear[narrowest].Inputs}→{linear[narrowest].Outputs}), so B·A cannot have rank {ranks[i]} there; use r ≤ {side}, or leave that layer out with lora.layers");
            }
        }
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
