using Sweep.Core.Lora;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs;

/// <summary>
/// The LoRA part of a spec: the <c>pretrain:</c> and <c>lora:</c> sections (both or neither) and the grid's
/// <c>rank</c> and <c>mode</c> axes. A LoRA sweep has no <c>d</c> axis, no <c>projection</c> and no
/// <c>quantization</c> section: its trained dimension p follows from r, the mode and the adapted shapes, and it
/// quantizes with <c>lora.bits</c> and <c>lora.range</c>.
/// </summary>
public static partial class SpecReader
{
    private const int FashionTrainPerClass = 6_000;
    private const int FashionTestPerClass = 1_000;

    private static readonly string[] LoraAxes = ["rank", "mode"];

    private static (PretrainSpec? Pretrain, LoraSpec? Lora) ReadLoraSections(
        YamlFieldReader r, YamlMappingNode root, ModelSpec? model, TrainingSpec? training, long seed, ref DatasetSpec? dataset)
    {
        var loraNode = r.Section(root, "", "lora", required: false);
        var pretrainNode = r.Section(root, "", "pretrain", required: false);
        if (r.Child(root, "lora") is null)
        {
            if (r.Child(root, "pretrain") is { } lonely)
            {
                r.Error(lonely, "pretrain", "applies only to LoRA sweeps; add a lora section (fine-tune classes, bits) or remove it");
            }

            return (null, null);
        }

        if (r.Child(root, "pretrain") is null)
        {
            r.Error(r.Child(root, "lora"), "pretrain", "is required by lora: the adapters fine-tune the checkpoint of a pretraining stage (classes, train_size, training)");
        }

        foreach (var key in new[] { "projection", "quantization" })
        {
            if (r.Child(root, key) is { } extra)
            {
                r.Error(extra, key, key == "projection"
                    ? "applies only to subspace sweeps; LoRA's frozen factor is always a random orthonormal matrix"
                    : "applies only to subspace sweeps; a LoRA sweep quantizes with lora.bits and lora.range");
            }
        }

        if (loraNode is null || dataset is null)
        {
            return (null, null);
        }

        var classCount = dataset.Kind == DatasetKind.FashionMnist ? 10 : dataset.Synthetic!.Classes;
        var lora = ReadLora(r, loraNode, model, classCount);
        var pretrain = pretrainNode is null || model is null ? null : ReadPretrain(r, pretrainNode, model, dataset, classCount, seed);
        if (lora is not null && pretrain is not null)
        {
            var shared = lora.Classes.Intersect(pretrain.Classes).Order().ToList();
            if (shared.Count > 0)
            {
                r.Error(r.Child(loraNode, "classes"), "lora.classes", $"overlap the pretraining classes in {{{string.Join(", ", shared)}}}; fine-tuning must be on other classes");
            }
        }

        if (lora is not null)
        {
            dataset = FineTuningDataset(r, root, dataset, lora.Classes, classCount);
        }

        return (pretrain, lora);
    }

    private static LoraSpec? ReadLora(YamlFieldReader r, YamlMappingNode node, ModelSpec? model, int classCount)
    {
        r.RejectUnknownKeys(node, "lora", "classes", "bits", "range", "alpha", "layers", "aware");
        var classes = Classes(r, node, "lora", classCount);
        var bits = r.Int(node, "lora", "bits", required: false, fallback: LoraTrialSettings.DefaultBits, min: 1, max: LoraTrialSettings.MaxBits);
        var range = r.Double(node, "lora", "range", required: false, fallback: LoraTrialSettings.DefaultRange, min: 0, exclusiveMin: true);
        var alpha = r.Child(node, "alpha") is null ? null : r.Double(node, "lora", "alpha", required: true, min: 0, exclusiveMin: true);
        var aware = r.Bool(node, "lora", "aware", fallback: true);
        List<int>? layers = null;
        if (r.Child(node, "layers") is not null)
        {
            var linear = model is null ? int.MaxValue - 1 : LoraLayers.Linear(model).Count;
            layers = r.IntList(node, "lora", "layers", required: true, min: 0, max: linear - 1);
            if (layers is null)
            {
                return null;
            }
        }

        if (classes is null || bits is null || range is null || (r.Child(node, "alpha") is not null && alpha is null))
        {
            return null;
        }

        return new LoraSpec(classes, bits.Value, range.Value, alpha, layers, aware ?? true);
    }

    private static PretrainSpec? ReadPretrain(YamlFieldReader r, YamlMappingNode node, ModelSpec model, DatasetSpec dataset, int classCount, long seed)
    {
        r.RejectUnknownKeys(node, "pretrain", "classes", "train_size", "test_size", "training", "seed");
        var classes = Classes(r, node, "pretrain", classCount);
        var (maxTrain, maxTest) = SubsetSizes(dataset, classes?.Count ?? classCount, classCount);
        var trainSize = r.Int(node, "pretrain", "train_size", required: true, min: 1, max: maxTrain);
        var testSize = r.Int(node, "pretrain", "test_size", required: false, fallback: maxTest ?? dataset.TestSize, min: 1, max: maxTest ?? int.MaxValue);
        var training = ReadTraining(r, node, "pretrain");
        var stageSeed = r.Int(node, "pretrain", "seed", required: false, fallback: (int)Math.Min(seed, int.MaxValue), min: 0);
        if (classes is null || trainSize is null || testSize is null || training is null || stageSeed is null)
        {
            return null;
        }

        return new PretrainSpec(model, dataset with { TrainSize = trainSize.Value, TestSize = testSize.Value }, classes, training, stageSeed.Value);
    }

    /// <summary>The fine-tuning dataset: n and the test split cut to the LoRA classes (test_size defaults to all of them).</summary>
    private static DatasetSpec FineTuningDataset(YamlFieldReader r, YamlMappingNode root, DatasetSpec dataset, IReadOnlyList<int> classes, int classCount)
    {
        var node = (YamlMappingNode)r.Child(root, "dataset")!;
        var (maxTrain, maxTest) = SubsetSizes(dataset, classes.Count, classCount);
        if (dataset.TrainSize > maxTrain)
        {
            r.Error(r.Child(node, "train_size"), "dataset.train_size", $"n = {dataset.TrainSize} is more than the {maxTrain} training samples of the fine-tuning classes (lora.classes)");
        }

        if (maxTest is { } max)
        {
            if (r.Child(node, "test_size") is null)
            {
                return dataset with { TestSize = max };
            }

            if (dataset.TestSize > max)
            {
                r.Error(r.Child(node, "test_size"), "dataset.test_size", $"is more than the {max} test samples of the fine-tuning classes (lora.classes)");
            }
        }

        return dataset;
    }

    /// <summary>The most training samples of a class subset, and (for Fashion-MNIST) its test samples.</summary>
    private static (int Train, int? Test) SubsetSizes(DatasetSpec dataset, int subset, int classCount) => dataset.Kind == DatasetKind.FashionMnist
        ? (FashionTrainPerClass * subset, FashionTestPerClass * subset)
        : (dataset.Synthetic!.PoolSize / classCount * subset, null);

    private static List<int>? Classes(YamlFieldReader r, YamlMappingNode node, string section, int classCount) =>
        r.IntList(node, section, "classes", required: true, min: 0, max: classCount - 1);

    private static QuantizationSpec? LoraQuantization(YamlFieldReader r, YamlMappingNode root, LoraSpec? lora) =>
        lora is null ? null : new QuantizationSpec(1 << lora.Bits, lora.Range, lora.Aware);

    private static (List<int>? Ranks, List<LoraMode>? Modes) ReadLoraAxes(YamlFieldReader r, YamlMappingNode grid, ModelSpec? model, bool isLora)
    {
        if (!isLora)
        {
            foreach (var axis in LoraAxes)
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
