using Sweep.Core.Specs;

namespace Sweep.Training.Models;

/// <summary>Builds the functional network a <see cref="ModelSpec"/> describes.</summary>
public static class NetworkFactory
{
    public static INetwork Create(ModelSpec spec) => spec.Kind switch
    {
        ModelKind.Mlp => new FunctionalMlp(spec.Widths),
        ModelKind.LeNet5 => new FunctionalLeNet5(spec.Classes),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), $"model.kind: unknown model kind {spec.Kind}."),
    };
}
