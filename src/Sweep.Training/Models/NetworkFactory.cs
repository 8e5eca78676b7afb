using Sweep.Core.Specs;
using Sweep.Training.Data;

namespace Sweep.Training.Models;

/// <summary>Builds the functional network a <see cref="ModelSpec"/> describes.</summary>
public static class NetworkFactory
{
    public static INetwork Create(ModelSpec spec) => spec.Kind switch
    {
        ModelKind.Mlp => new FunctionalMlp(spec.Widths),
        ModelKind.LeNet5 => new FunctionalLeNet5(spec.Classes),
        ModelKind.Cnn => new FunctionalCnn(spec.Cnn ?? throw new ArgumentException("model.kind cnn needs its shape (ModelSpec.Cnn).", nameof(spec))),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), $"model.kind: unknown model kind {spec.Kind}."),
    };

    /// <summary>Throws an <see cref="ArgumentException"/> when the model's inputs or outputs do not fit the data.</summary>
    public static void CheckShapes(ModelSpec spec, TabularDataset data)
    {
        if (data.FeatureCount != spec.Inputs)
        {
            throw new ArgumentException($"model ({spec.Describe()}) takes {spec.Inputs} inputs, but the dataset has {data.FeatureCount} features.");
        }

        if (data.Classes != spec.Classes)
        {
            throw new ArgumentException($"model ({spec.Describe()}) has {spec.Classes} outputs, but the dataset has {data.Classes} classes.");
        }
    }
}
