using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the <c>grid:</c> section: d (checked against the model's D), seeds, the optional scalar axes (see
/// <see cref="ScalarAxis"/>) and, in a LoRA sweep, the rank and mode axes (<see cref="LoraAxesReader"/>).
/// </summary>
internal static class GridSectionReader
{
    private const int MaxSupportedDimension = 50_000_000;

    public static GridSpec? Read(YamlFieldReader r, YamlMappingNode root, ModelSpec? model, DatasetSpec? dataset, bool isLora)
    {
        var node = r.Section(root, "", "grid", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "grid", ["d", "seeds", .. LoraAxesReader.Axes, .. ScalarAxis.All]);
        var (ranks, modes) = LoraAxesReader.Read(r, node, isLora);
        var dims = isLora ? [] : ReadDimensions(r, node, model);
        var seeds = r.IntList(node, "grid", "seeds", required: false, min: 0, max: int.MaxValue, countMeansRange: true) ?? (r.Child(node, "seeds") is null ? [0] : null);
        var axes = ReadScalarAxes(r, node, dataset, isLora);
        if (isLora && (ranks is null || modes is null))
        {
            return null;
        }

        return dims is null || seeds is null ? null : new GridSpec(dims, seeds, axes) { Ranks = ranks, Modes = modes };
    }

    /// <summary>grid.d, each value at most D (the model's number of weights) and the largest d supported.</summary>
    private static List<int>? ReadDimensions(YamlFieldReader r, YamlMappingNode node, ModelSpec? model)
    {
        var dims = r.IntList(node, "grid", "d", required: true, min: 1, max: int.MaxValue);
        if (dims is null || model is null)
        {
            return dims;
        }

        var maxD = (int)Math.Min(model.ParameterCount, MaxSupportedDimension);
        var dNode = (YamlSequenceNode)r.Child(node, "d")!;
        for (var i = 0; i < dims.Count; i++)
        {
            if (dims[i] > maxD)
            {
                r.Error(dNode.Children[i], $"grid.d[{i}]", $"d = {dims[i]} is larger than D = {model.ParameterCount}, the number of weights of {model.Describe()}");
            }
        }

        return dims;
    }

    private static Dictionary<string, IReadOnlyList<double>> ReadScalarAxes(YamlFieldReader r, YamlMappingNode node, DatasetSpec? dataset, bool isLora)
    {
        var axes = new Dictionary<string, IReadOnlyList<double>>();
        foreach (var axis in ScalarAxis.All)
        {
            if (r.Child(node, axis) is not { } axisNode)
            {
                continue;
            }

            var path = "grid." + axis;
            if (isLora && axis == ScalarAxis.Levels)
            {
                r.Error(axisNode, path, "a LoRA sweep quantizes with lora.bits (2^q levels); sweep q with separate specs");
                continue;
            }

            var values = ScalarAxis.IsInteger(axis)
                ? r.IntList(node, "grid", axis, required: true, min: axis == ScalarAxis.Levels ? 2 : 1, max: int.MaxValue)?.Select(v => (double)v).ToList()
                : r.DoubleList(axisNode, path, 0, exclusiveMin: true);
            if (values is null)
            {
                continue;
            }

            if (axis == ScalarAxis.TrainSize && dataset is not null)
            {
                var pool = dataset.Kind == DatasetKind.FashionMnist ? 60_000 : dataset.Synthetic!.PoolSize;
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i] > pool)
                    {
                        r.Error(((YamlSequenceNode)axisNode).Children[i], $"{path}[{i}]", $"n = {values[i]} is larger than the training pool ({pool})");
                    }
                }
            }

            axes[axis] = values;
        }

        return axes;
    }
}
