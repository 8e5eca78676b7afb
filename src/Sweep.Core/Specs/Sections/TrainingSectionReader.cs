using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads a <c>training:</c> section: the spec's own, or the one inside <c>pretrain:</c>.</summary>
internal static class TrainingSectionReader
{
    private static readonly Dictionary<string, OptimizerKind> OptimizerNames = new()
    {
        ["sgd"] = OptimizerKind.Sgd,
        ["adam"] = OptimizerKind.Adam,
    };

    /// <summary>The <c>training:</c> section under <paramref name="parentPath"/> ("" for the spec's own, "pretrain" for the stage's).</summary>
    public static TrainingSpec? Read(YamlFieldReader r, YamlMappingNode parent, string parentPath)
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
}
