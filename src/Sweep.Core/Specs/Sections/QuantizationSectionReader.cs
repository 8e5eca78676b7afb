using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads the <c>quantization:</c> section of a subspace sweep (a LoRA sweep quantizes with <c>lora.bits</c>).</summary>
internal static class QuantizationSectionReader
{
    public static QuantizationSpec? Read(YamlFieldReader r, YamlMappingNode root)
    {
        var node = r.Section(root, "", "quantization", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "quantization", "levels", "range", "aware");
        var levels = r.Int(node, "quantization", "levels", required: true, min: 2, max: 1 << 24);
        var range = r.Double(node, "quantization", "range", required: false, fallback: 1.0, min: 0, exclusiveMin: true);
        var aware = r.Bool(node, "quantization", "aware", fallback: true);
        return levels is null || range is null ? null : new QuantizationSpec(levels.Value, range.Value, aware ?? true);
    }
}
