using Sweep.Core.Specs;

namespace Sweep.Core.Lora;

/// <summary>
/// The <c>lora:</c> section of a spec: the adapters' settings that every trial of a rank sweep shares. The grid adds
/// the rank r and the mode; <see cref="Settings"/> combines them.
/// </summary>
/// <param name="Classes">The fine-tuning classes (disjoint from the pretraining classes), with their original labels.</param>
/// <param name="Bits">q, bits per trained number.</param>
/// <param name="Range">The quantization grid's half-width.</param>
/// <param name="Alpha">α; null means 2r.</param>
/// <param name="Layers">0-based indices of the adapted linear layers; null means all.</param>
/// <param name="Aware">Quantization-aware training (straight-through).</param>
public sealed record LoraSpec(
    IReadOnlyList<int> Classes,
    int Bits,
    double Range,
    double? Alpha,
    IReadOnlyList<int>? Layers,
    bool Aware)
{
    public LoraTrialSettings Settings(int rank, LoraMode mode) => new(rank, mode, Bits, Range, Classes, Alpha, Layers, Aware);
}

/// <summary>
/// The LoRA part of one trial: its adapter settings, the pretraining stage whose checkpoint it fine-tunes, and p, the
/// number of trained numbers (known from the model's shapes before training).
/// </summary>
public sealed record LoraTrialConfig(LoraTrialSettings Settings, PretrainSpec Pretrain, long TrainableParameters);

/// <summary>The linear layers of a model, as LoRA sees them (input first), and the shapes of those it adapts.</summary>
public static class LoraLayers
{
    /// <summary>(d_in, d_out) of every linear layer: the MLP's layers, LeNet-5's three fully connected ones, or the CNN's head.</summary>
    public static IReadOnlyList<AdaptedShape> Linear(ModelSpec model) => model.Kind switch
    {
        ModelKind.Mlp => Enumerable.Range(0, model.Widths.Count - 1).Select(i => new AdaptedShape(model.Widths[i], model.Widths[i + 1])).ToArray(),
        ModelKind.LeNet5 => [new AdaptedShape(400, 120), new AdaptedShape(120, 84), new AdaptedShape(84, model.Classes)],
        ModelKind.Cnn => [new AdaptedShape(model.Cnn!.HeadInputs, model.Classes)],
        _ => throw new ArgumentOutOfRangeException(nameof(model), model.Kind, "Unknown model kind."),
    };

    /// <summary>The shapes of the adapted layers (<paramref name="layers"/>, or all when null), in layer order.</summary>
    public static IReadOnlyList<AdaptedShape> Adapted(ModelSpec model, IReadOnlyList<int>? layers)
    {
        var linear = Linear(model);
        return layers is null ? linear : layers.Order().Select(l => linear[l]).ToArray();
    }
}
