using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs;

/// <summary>
/// Reads a YAML sweep spec into a validated <see cref="SweepSpec"/>. Every problem is collected with its file,
/// line and field; if there is any, a <see cref="SpecValidationException"/> holds them all.
/// </summary>
public static partial class SpecReader
{
    private const int MaxSupportedDimension = 50_000_000;

    private static readonly Dictionary<string, DatasetKind> DatasetNames = new()
    {
        ["fashion-mnist"] = DatasetKind.FashionMnist,
        ["synthetic"] = DatasetKind.Synthetic,
    };

    private static readonly Dictionary<string, ModelKind> ModelNames = new()
    {
        ["mlp"] = ModelKind.Mlp,
        ["lenet5"] = ModelKind.LeNet5,
    };

    private static readonly Dictionary<string, ProjectionKind> ProjectionNames = new()
    {
        ["orthonormal"] = ProjectionKind.Orthonormal,
        ["dense"] = ProjectionKind.Dense,
    };

    private static readonly Dictionary<string, OptimizerKind> OptimizerNames = new()
    {
        ["sgd"] = OptimizerKind.Sgd,
        ["adam"] = OptimizerKind.Adam,
    };

    public static SweepSpec ReadFile(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecValidationException([new SpecError(path, 0, 0, "(file)", $"cannot be read: {e.Message}")]);
        }

        return Read(text, path);
    }

    public static SweepSpec Read(string yaml, string file = "<spec>")
    {
        var errors = new List<SpecError>();
        var root = Parse(yaml, file, errors);
        if (root is null)
        {
            throw new SpecValidationException(errors);
        }

        var r = new YamlFieldReader(file, errors);
        r.RejectUnknownKeys(root, "", "name", "seed", "dataset", "model", "projection", "quantization", "training", "grid", "bound", "pretrain", "lora", "mi");
        var isLora = r.Child(root, "lora") is not null;

        var name = r.String(root, "", "name", required: true);
        if (name is not null && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            r.Error(r.Child(root, "name"), "name", "may hold only letters, digits, '-', '_' and '.' (it names the results folder)");
        }

        var seed = r.Int(root, "", "seed", required: false, fallback: 0, min: 0) ?? 0;
        var dataset = ReadDataset(r, root);
        var model = ReadModel(r, root, dataset);
        var projection = ReadProjection(r, root);
        var training = ReadTraining(r, root, "");
        var (pretrain, lora) = ReadLoraSections(r, root, model, training, seed, ref dataset);
        var quantization = isLora ? LoraQuantization(r, root, lora) : ReadQuantization(r, root);
        var grid = ReadGrid(r, root, model, dataset, isLora);
        var bound = ReadBound(r, root);
        MiSpec? mi = null;
        if (isLora && r.Child(root, "mi") is { } miNode)
        {
            r.Error(miNode, "mi", "the mi block applies to subspace sweeps (grid.d), not to LoRA sweeps");
        }
        else
        {
            mi = MiSectionReader.Read(r, root, grid, dataset);
        }

        if (errors.Count > 0 || name is null || dataset is null || model is null || quantization is null || training is null || grid is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new SpecError(file, 0, 0, "(spec)", "is incomplete"));
            }

            throw new SpecValidationException(errors);
        }

        return new SweepSpec(name, seed, dataset, model, projection, quantization, training, grid, bound) { Pretrain = pretrain, Lora = lora, Mi = mi };
    }

    private static YamlMappingNode? Parse(string yaml, string file, List<SpecError> errors)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            errors.Add(new SpecError(file, (int)e.Start.Line, (int)e.Start.Column, "(yaml syntax)", message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some unterminated constructs; point at the last event it read.
            var mark = parser.Current?.Start;
            errors.Add(new SpecError(file, (int)(mark?.Line ?? 1), (int)(mark?.Column ?? 1), "(yaml syntax)", "malformed YAML near here (an unclosed '[', '{' or quote?)"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new SpecError(file, 1, 1, "(spec)", "must be a YAML mapping with name, dataset, model, training and grid"));
            return null;
        }

        return root;
    }

    private static DatasetSpec? ReadDataset(YamlFieldReader r, YamlMappingNode root)
    {
        var node = r.Section(root, "", "dataset", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "dataset", "name", "path", "train_size", "test_size", "features", "classes", "separation", "pool_size", "seed");
        var kind = r.Enum(node, "dataset", "name", required: true, DatasetNames);
        var trainSize = r.Int(node, "dataset", "train_size", required: true, min: 1);
        switch (kind)
        {
            case DatasetKind.FashionMnist:
                foreach (var key in new[] { "features", "classes", "separation", "pool_size", "seed" })
                {
                    if (r.Child(node, key) is { } extra)
                    {
                        r.Error(extra, "dataset." + key, "applies only to the synthetic dataset");
                    }
                }

                var path = r.String(node, "dataset", "path", required: false, fallback: DatasetSpec.DefaultFashionMnistPath)!;
                if (MissingIdxFile(path) is { } missing)
                {
                    r.Error(r.Child(node, "path") ?? node, "dataset.path", $"{path} has no {missing}[.gz]; install the Debian package dataset-fashion-mnist (scripts/setup) or point dataset.path at the IDX files");
                }

                var testSize = r.Int(node, "dataset", "test_size", required: false, fallback: 10_000, min: 1, max: 10_000);
                if (trainSize > 60_000)
                {
                    r.Error(r.Child(node, "train_size"), "dataset.train_size", $"Fashion-MNIST has 60000 training images, asked for {trainSize}");
                    return null;
                }

                return trainSize is null || testSize is null ? null : new DatasetSpec(DatasetKind.FashionMnist, path, trainSize.Value, testSize.Value, null);

            case DatasetKind.Synthetic:
                if (r.Child(node, "path") is { } pathNode)
                {
                    r.Error(pathNode, "dataset.path", "applies only to file datasets");
                }

                var features = r.Int(node, "dataset", "features", required: false, fallback: 20, min: 1, max: 100_000);
                var classes = r.Int(node, "dataset", "classes", required: false, fallback: 4, min: 2, max: 10_000);
                var separation = r.Double(node, "dataset", "separation", required: false, fallback: 3.0, min: 0, exclusiveMin: true);
                var pool = r.Int(node, "dataset", "pool_size", required: false, fallback: Math.Max(trainSize ?? 1, 10_000), min: 1);
                var dataSeed = r.Int(node, "dataset", "seed", required: false, fallback: 0, min: 0);
                var synthTest = r.Int(node, "dataset", "test_size", required: false, fallback: 2_000, min: 1);
                if (trainSize > pool)
                {
                    r.Error(r.Child(node, "train_size"), "dataset.train_size", $"is larger than dataset.pool_size ({pool})");
                    return null;
                }

                if (trainSize is null || features is null || classes is null || separation is null || pool is null || dataSeed is null || synthTest is null)
                {
                    return null;
                }

                return new DatasetSpec(DatasetKind.Synthetic, null, trainSize.Value, synthTest.Value,
                    new SyntheticSpec(features.Value, classes.Value, separation.Value, pool.Value, dataSeed.Value));

            default:
                return null;
        }
    }

    private static ModelSpec? ReadModel(YamlFieldReader r, YamlMappingNode root, DatasetSpec? dataset)
    {
        var node = r.Section(root, "", "model", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "model", "kind", "widths", "classes");
        var kind = r.Enum(node, "model", "kind", required: true, ModelNames);
        var (inputs, classes) = dataset switch
        {
            { Kind: DatasetKind.FashionMnist } => (784, 10),
            { Synthetic: { } s } => (s.Features, s.Classes),
            _ => (0, 0),
        };

        if (kind == ModelKind.Mlp)
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

        if (kind == ModelKind.LeNet5)
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

        return null;
    }

    private static ProjectionSpec ReadProjection(YamlFieldReader r, YamlMappingNode root)
    {
        var node = r.Section(root, "", "projection", required: false);
        if (node is null)
        {
            return new ProjectionSpec(ProjectionKind.Orthonormal);
        }

        r.RejectUnknownKeys(node, "projection", "kind");
        var kind = r.Enum(node, "projection", "kind", required: false, ProjectionNames, ProjectionKind.Orthonormal);
        return new ProjectionSpec(kind ?? ProjectionKind.Orthonormal);
    }

    private static QuantizationSpec? ReadQuantization(YamlFieldReader r, YamlMappingNode root)
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

    /// <summary>The <c>training:</c> section under <paramref name="parentPath"/> ("" for the spec's own, "pretrain" for the stage's).</summary>
    private static TrainingSpec? ReadTraining(YamlFieldReader r, YamlMappingNode parent, string parentPath)
    {
        var node = r.Section(parent, parentPath, "training", required: true);
        if (node is null)
        {
            return null;
        }

        var path = YamlFieldReader.Join(parentPath, "training");
        r.RejectUnknownKeys(node, path, "optimizer", "learning_rate", "epochs", "steps", "batch_size");
        var optimizer = r.Enum(node, path, "optimizer", required: false, OptimizerNames, OptimizerKind.Adam);
        var lr = r.Double(node, path, "learning_rate", required: true, min: 0, exclusiveMin: true);
        var steps = r.Int(node, path, "steps", required: false, min: 1);
        var epochs = r.Int(node, path, "epochs", required: steps is null && r.Child(node, "steps") is null, fallback: 1, min: 1);
        var batch = r.Int(node, path, "batch_size", required: false, fallback: 128, min: 1);
        return optimizer is null || lr is null || epochs is null || batch is null
            ? null
            : new TrainingSpec(optimizer.Value, lr.Value, epochs.Value, steps, batch.Value);
    }

    private static GridSpec? ReadGrid(YamlFieldReader r, YamlMappingNode root, ModelSpec? model, DatasetSpec? dataset, bool isLora)
    {
        var node = r.Section(root, "", "grid", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "grid", ["d", "seeds", .. LoraAxes, .. ScalarAxis.All]);
        var (ranks, modes) = ReadLoraAxes(r, node, model, isLora);
        var maxD = model is null ? MaxSupportedDimension : (int)Math.Min(model.ParameterCount, MaxSupportedDimension);
        var dims = isLora ? [] : r.IntList(node, "grid", "d", required: true, min: 1, max: int.MaxValue);
        if (dims is not null && model is not null)
        {
            var dNode = (YamlSequenceNode)r.Child(node, "d")!;
            for (var i = 0; i < dims.Count; i++)
            {
                if (dims[i] > maxD)
                {
                    r.Error(dNode.Children[i], $"grid.d[{i}]", $"d = {dims[i]} is larger than D = {model.ParameterCount}, the number of weights of {model.Describe()}");
                }
            }
        }

        var seeds = r.IntList(node, "grid", "seeds", required: false, min: 0, max: int.MaxValue, countMeansRange: true) ?? (r.Child(node, "seeds") is null ? [0] : null);

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

        if (isLora && (ranks is null || modes is null))
        {
            return null;
        }

        return dims is null || seeds is null ? null : new GridSpec(dims, seeds, axes) { Ranks = ranks, Modes = modes };
    }

    private static BoundSpec ReadBound(YamlFieldReader r, YamlMappingNode root)
    {
        var node = r.Section(root, "", "bound", required: false);
        if (node is null)
        {
            return BoundSpec.ZeroOneLoss;
        }

        r.RejectUnknownKeys(node, "bound", "sigma");
        var sigma = r.Double(node, "bound", "sigma", required: false, fallback: 0.5, min: 0, exclusiveMin: true) ?? 0.5;
        if (sigma < 0.5)
        {
            // Every sweep measures the 0-1 loss, which is σ-sub-Gaussian only for σ ≥ 1/2 (Hoeffding: range/2).
            r.Error(r.Child(node, "sigma"), "bound.sigma", $"is {sigma}, below 1/2; the 0-1 loss in [0, 1] is σ-sub-Gaussian only for σ ≥ 1/2, so a smaller σ is no bound");
        }

        return new BoundSpec(sigma);
    }

    /// <summary>The first Fashion-MNIST IDX file missing from <paramref name="folder"/> (plain or gzipped), or null.</summary>
    private static string? MissingIdxFile(string folder) =>
        new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" }
            .FirstOrDefault(f => !System.IO.File.Exists(System.IO.Path.Combine(folder, f)) && !System.IO.File.Exists(System.IO.Path.Combine(folder, f + ".gz")));
}
