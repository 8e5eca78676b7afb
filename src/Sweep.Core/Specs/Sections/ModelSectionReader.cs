using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads the <c>model:</c> section and checks its input and output sizes against the dataset's.</summary>
internal static class ModelSectionReader
{
    private static readonly Dictionary<string, ModelKind> Names = new()
    {
        ["mlp"] = ModelKind.Mlp,
        ["lenet5"] = ModelKind.LeNet5,
    };

    public static ModelSpec? Read(YamlFieldReader r, YamlMappingNode root, DatasetSpec? dataset)
    {
        var node = r.Section(root, "", "model", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "model", "kind", "widths", "classes");
        var kind = r.Enum(node, "model", "kind", required: true, Names);
        var (inputs, classes) = dataset switch
        {
            { Kind: DatasetKind.FashionMnist } => (784, 10),
            { Synthetic: { } s } => (s.Features, s.Classes),
            _ => (0, 0),
        };

        return kind switch
        {
            ModelKind.Mlp => ReadMlp(r, node, inputs, classes),
            ModelKind.LeNet5 => ReadLeNet5(r, node, inputs, classes),
            _ => null,
        };
    }

    /// <summary>An MLP's widths, from input to classes; <paramref name="inputs"/> and <paramref name="classes"/> are 0 when the dataset is unknown.</summary>
    private static ModelSpec? ReadMlp(YamlFieldReader r, YamlMappingNode node, int inputs, int classes)
    {
        var widths = r.IntList(node, "model", "widths", required: true, min: 1, max: 1_000_000, distinct: false);
        if (widths is null)
        {
            return null;
        }

        var widthsNode = r.Child(node, "widths");
        if (widths.Count < 2)
        {
            r.Error(widthsNode, "model.widths", "needs at least an input and an output width");
            return null;
        }

        if (inputs > 0 && widths[0] != inputs)
        {
            r.Error(widthsNode, "model.widths[0]", $"must equal the dataset's input size {inputs}, got {widths[0]}");
        }

        if (classes > 0 && widths[^1] != classes)
        {
            r.Error(widthsNode, $"model.widths[{widths.Count - 1}]", $"must equal the dataset's number of classes {classes}, got {widths[^1]}");
        }

        return new ModelSpec(ModelKind.Mlp, widths);
    }

    private static ModelSpec? ReadLeNet5(YamlFieldReader r, YamlMappingNode node, int inputs, int classes)
    {
        if (r.Child(node, "widths") is { } w)
        {
            r.Error(w, "model.widths", "applies only to the mlp; lenet5 has a fixed shape");
        }

        if (inputs > 0 && inputs != 784)
        {
            r.Error(r.Child(node, "kind"), "model.kind", $"lenet5 needs 28x28 inputs (784 features), the dataset has {inputs}");
        }

        var lenetClasses = r.Int(node, "model", "classes", required: false, fallback: classes > 0 ? classes : 10, min: 2);
        if (lenetClasses is { } c && classes > 0 && c != classes)
        {
            r.Error(r.Child(node, "classes"), "model.classes", $"must equal the dataset's number of classes {classes}, got {c}");
        }

        return lenetClasses is null ? null : new ModelSpec(ModelKind.LeNet5, [784, lenetClasses.Value]);
    }
}
