using Sweep.Core.Lora;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the <c>pretrain:</c> section of a LoRA sweep: the stage that trains the model the adapters fine-tune, on its
/// own classes of the same dataset, with its own <c>training:</c> section and seed.
/// </summary>
internal static class PretrainSectionReader
{
    public static PretrainSpec? Read(YamlFieldReader r, YamlMappingNode node, ModelSpec model, DatasetSpec dataset, int classCount, long seed)
    {
        r.RejectUnknownKeys(node, "pretrain", "classes", "train_size", "test_size", "training", "seed");
        var classes = LoraSectionReader.Classes(r, node, "pretrain", classCount);
        var (maxTrain, maxTest) = LoraSectionReader.SubsetSizes(dataset, classes?.Count ?? classCount, classCount);
        var trainSize = r.Int(node, "pretrain", "train_size", required: true, min: 1, max: maxTrain);
        var testSize = r.Int(node, "pretrain", "test_size", required: false, fallback: maxTest ?? dataset.TestSize, min: 1, max: maxTest ?? int.MaxValue);
        var training = TrainingSectionReader.Read(r, node, "pretrain");
        var stageSeed = r.Int(node, "pretrain", "seed", required: false, fallback: (int)Math.Min(seed, int.MaxValue), min: 0);
        if (classes is null || trainSize is null || testSize is null || training is null || stageSeed is null)
        {
            return null;
        }

        return new PretrainSpec(model, dataset with { TrainSize = trainSize.Value, TestSize = testSize.Value }, classes, training, stageSeed.Value);
    }
}
