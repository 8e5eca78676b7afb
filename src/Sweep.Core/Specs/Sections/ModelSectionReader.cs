using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads the <c>model:</c> section and checks its input and output sizes against the dataset's.</summary>
internal static class ModelSectionReader
{
    private static readonly Dictionary<string, ModelKind> Names = new()
    {
        ["mlp"] = ModelKind.Mlp,
        ["lenet5"] = ModelKind.LeNet5,
        ["cnn"] = ModelKind.Cnn,
    };

    private static readonly string[] CnnKeys = ["filters", "kernel", "second_filters", "second_kernel"];

    public static ModelSpec? Read(YamlFieldReader r, YamlMappingNode root, DatasetSpec? dataset)
    {
        var node = r.Section(root, "", "model", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "model", ["kind", "widths", "classes", .. CnnKeys]);
        var kind = r.Enum(node, "model", "kind", required: true, Names);
        var (inputs, classes) = dataset is null ? (0, 0) : (DatasetFacts.Inputs(dataset), DatasetFacts.Classes(dataset));

        if (kind is not null and not ModelKind.Cnn)
        {
            foreach (var key in CnnKeys)
            {
                if (r.Child(node, key) is { } stray)
                {
                    r.Error(stray, $"model.{key}", "applies only to model.kind cnn");
                }
            }
        }

        return kind switch
        {
            ModelKind.Cnn => ReadCnn(r, node, inputs, classes),
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

        if (inputs > 0 && inputs != DatasetFacts.FashionMnistInputs)
        {
            r.Error(r.Child(node, "kind"), "model.kind", $"lenet5 needs 28x28 inputs (784 features), the dataset has {inputs}");
        }

        var lenetClasses = r.Int(node, "model", "classes", required: false, fallback: classes > 0 ? classes : DatasetFacts.FashionMnistClasses, min: 2);
        if (lenetClasses is { } c && classes > 0 && c != classes)
        {
            r.Error(r.Child(node, "classes"), "model.classes", $"must equal the dataset's number of classes {classes}, got {c}");
        }

        return lenetClasses is null ? null : new ModelSpec(ModelKind.LeNet5, [DatasetFacts.FashionMnistInputs, lenetClasses.Value]);
    }

    /// <summary>
    /// The CNN of issue 17 on square single-channel images (side √inputs): filters × kernel² first-layer filters
    /// (default 32 of 3×3), a second convolution (default 32 of 3×3), a linear head.
    /// </summary>
    private static ModelSpec? ReadCnn(YamlFieldReader r, YamlMappingNode node, int inputs, int classes)
    {
        if (r.Child(node, "widths") is { } w)
        {
            r.Error(w, "model.widths", "applies only to the mlp; the cnn's shape is filters, kernel, second_filters, second_kernel");
        }

        var filters = r.Int(node, "model", "filters", required: false, fallback: 32, min: 1, max: 4096);
        var kernel = r.Int(node, "model", "kernel", required: false, fallback: 3, min: 1, max: 15);
        var secondFilters = r.Int(node, "model", "second_filters", required: false, fallback: 32, min: 1, max: 4096);
        var secondKernel = r.Int(node, "model", "second_kernel", required: false, fallback: 3, min: 1, max: 15);
        foreach (var (key, value) in new[] { ("kernel", kernel), ("second_kernel", secondKernel) })
        {
            if (value is { } k && k % 2 == 0)
            {
                r.Error(r.Child(node, key), $"model.{key}", $"must be odd (same padding keeps the image side), got {k}");
            }
        }

        var side = (int)Math.Round(Math.Sqrt(inputs));
        if (inputs > 0 && (side * side != inputs || side < 4))
        {
            r.Error(r.Child(node, "kind"), "model.kind", $"cnn needs square single-channel images of side ≥ 4; the dataset's {inputs} features are not");
            return null;
        }

        var cnnClasses = r.Int(node, "model", "classes", required: false, fallback: classes > 0 ? classes : 10, min: 2);
        if (cnnClasses is { } c && classes > 0 && c != classes)
        {
            r.Error(r.Child(node, "classes"), "model.classes", $"must equal the dataset's number of classes {classes}, got {c}");
        }

        if (inputs == 0 || filters is null || kernel is null || secondFilters is null || secondKernel is null || cnnClasses is null
            || kernel % 2 == 0 || secondKernel % 2 == 0)
        {
            return null;
        }

        var cnn = new CnnSpec(side, 1, filters.Value, kernel.Value, secondFilters.Value, secondKernel.Value, cnnClasses.Value);
        return new ModelSpec(ModelKind.Cnn, [inputs, cnnClasses.Value]) { Cnn = cnn };
    }
}
