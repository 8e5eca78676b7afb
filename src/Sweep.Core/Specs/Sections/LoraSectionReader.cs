using Sweep.Core.Lora;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the LoRA part of a spec: the <c>lora:</c> and <c>pretrain:</c> sections (both or neither). A LoRA sweep has
/// no <c>projection</c> and no <c>quantization</c> section: it quantizes with <c>lora.bits</c> and <c>lora.range</c>,
/// and fine-tunes on other classes than the pretraining stage, so the dataset's sizes are cut to those classes.
/// </summary>
internal static class LoraSectionReader
{
    private const int FashionTrainPerClass = 6_000;
    private const int FashionTestPerClass = 1_000;

    /// <summary>
    /// The pretraining stage and the adapters, or (null, null) for a subspace sweep. In a LoRA sweep,
    /// <paramref name="dataset"/> becomes the fine-tuning dataset (see <see cref="FineTuningDataset"/>).
    /// </summary>
    public static (PretrainSpec? Pretrain, LoraSpec? Lora) Read(YamlFieldReader r, YamlMappingNode root, ModelSpec? model, long seed, ref DatasetSpec? dataset)
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

        RejectSubspaceSections(r, root);
        if (loraNode is null || dataset is null)
        {
            return (null, null);
        }

        var classCount = dataset.Kind == DatasetKind.FashionMnist ? 10 : dataset.Synthetic!.Classes;
        var lora = ReadLora(r, loraNode, model, classCount);
        var pretrain = pretrainNode is null || model is null ? null : PretrainSectionReader.Read(r, pretrainNode, model, dataset, classCount, seed);
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

    /// <summary>A LoRA sweep's quantization grid: 2^bits levels on [-range, range].</summary>
    public static QuantizationSpec? Quantization(LoraSpec? lora) =>
        lora is null ? null : new QuantizationSpec(1 << lora.Bits, lora.Range, lora.Aware);

    /// <summary>The most training samples of a class subset, and (for Fashion-MNIST) its test samples.</summary>
    public static (int Train, int? Test) SubsetSizes(DatasetSpec dataset, int subset, int classCount) => dataset.Kind == DatasetKind.FashionMnist
        ? (FashionTrainPerClass * subset, FashionTestPerClass * subset)
        : (dataset.Synthetic!.PoolSize / classCount * subset, null);

    /// <summary>The <c>classes</c> list of the <c>lora</c> or <c>pretrain</c> section.</summary>
    public static List<int>? Classes(YamlFieldReader r, YamlMappingNode node, string section, int classCount) =>
        r.IntList(node, section, "classes", required: true, min: 0, max: classCount - 1);

    private static void RejectSubspaceSections(YamlFieldReader r, YamlMappingNode root)
    {
        if (r.Child(root, "projection") is { } projection)
        {
            r.Error(projection, "projection", "applies only to subspace sweeps; LoRA's frozen factor is always a random orthonormal matrix");
        }

        if (r.Child(root, "quantization") is { } quantization)
        {
            r.Error(quantization, "quantization", "applies only to subspace sweeps; a LoRA sweep quantizes with lora.bits and lora.range");
        }
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
}
