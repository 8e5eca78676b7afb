using Sweep.Core.Lora;
using Sweep.Core.Randomness;
using Sweep.Core.Trials;
using Sweep.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Lora;

/// <summary>
/// A pretrained network with LoRA adapters: θ is the frozen base θ0 with W0 + (α/r)·B·A in place of each adapted
/// weight matrix; biases and the other blocks stay at θ0. Only the adapters' trained factors carry gradients.
/// </summary>
public sealed class LoraNetwork : IDisposable
{
    private readonly ParameterLayout _layout;

    public LoraNetwork(INetwork network, Tensor baseParameters, IReadOnlyList<LoraAdapter> adapters, double scale)
    {
        if (baseParameters.shape is not [var d] || d != network.ParameterCount)
        {
            throw new ArgumentException($"θ0 must be a vector of D = {network.ParameterCount} values.", nameof(baseParameters));
        }

        if (adapters.Count == 0 || adapters.Select(a => a.Block).Distinct().Count() != adapters.Count)
        {
            throw new ArgumentException("At least one adapter is needed, and at most one per block.", nameof(adapters));
        }

        Network = network;
        BaseParameters = baseParameters;
        Adapters = adapters.OrderBy(a => a.Block).ToArray();
        Scale = scale;
        _layout = network.Layout;
        TrainableParameters = Adapters.SelectMany(a => a.Trained).ToArray();
    }

    public INetwork Network { get; }

    /// <summary>θ0, frozen, owned by this network.</summary>
    public Tensor BaseParameters { get; }

    /// <summary>The adapters, in layer order; owned by this network.</summary>
    public IReadOnlyList<LoraAdapter> Adapters { get; }

    /// <summary>α/r.</summary>
    public double Scale { get; }

    /// <summary>The trained factors, adapter by adapter, A before B.</summary>
    public IReadOnlyList<Parameter> TrainableParameters { get; }

    /// <summary>The number of trained numbers p.</summary>
    public long TrainableParameterCount => TrainableParameters.Sum(p => p.numel());

    public IReadOnlyList<AdaptedShape> Shapes => Adapters.Select(a => a.Shape).ToArray();

    /// <summary>
    /// Adapts <paramref name="layers"/> (indices of the network's linear layers; null = all) with
    /// <paramref name="settings"/>. Layer l's frozen factor follows from the trial's projection seed and its A
    /// (mode both) from its init seed, each derived with l, so adding a layer does not change the others.
    /// </summary>
    public static LoraNetwork Create(INetwork network, Tensor baseParameters, LoraTrialSettings settings, TrialSeeds seeds, Device device)
    {
        settings.Validate();
        var linear = LinearBlocks(network.Layout);
        var layers = settings.Layers ?? Enumerable.Range(0, linear.Count).ToArray();
        if (layers.FirstOrDefault(l => l >= linear.Count, -1) is var missing and >= 0)
        {
            throw new ArgumentException($"lora.layers: layer {missing} does not exist; the network has {linear.Count} linear layers (0 to {linear.Count - 1}).");
        }

        var adapters = new List<LoraAdapter>();
        try
        {
            foreach (var layer in layers.Order())
            {
                var block = linear[layer];
                var shape = network.Layout.Blocks[block].Shape;
                adapters.Add(LoraAdapter.Create(
                    layer,
                    block,
                    new AdaptedShape(Inputs: (int)shape[1], Outputs: (int)shape[0]),
                    settings.Mode,
                    settings.Rank,
                    SeedDerivation.Derive(seeds.Projection, "lora-frozen", layer),
                    SeedDerivation.Derive(seeds.Init, "lora-a", layer),
                    device));
            }

            return new LoraNetwork(network, baseParameters, adapters, settings.Scale);
        }
        catch
        {
            adapters.ForEach(a => a.Dispose());
            throw;
        }
    }

    /// <summary>The indices, in the layout, of the 2-D weight blocks (the linear layers), input first.</summary>
    public static IReadOnlyList<int> LinearBlocks(ParameterLayout layout) =>
        Enumerable.Range(0, layout.Blocks.Count).Where(i => layout.Blocks[i].Shape.Length == 2).ToArray();

    /// <summary>θ with the adapters applied; <paramref name="trained"/> transforms the trained factors first.</summary>
    public Tensor Parameters(Func<Tensor, Tensor>? trained = null)
    {
        using var scope = torch.NewDisposeScope();
        var pieces = new List<Tensor>(_layout.Blocks.Count);
        var next = 0;
        for (var block = 0; block < _layout.Blocks.Count; block++)
        {
            var piece = _layout.Slice(BaseParameters, block);
            if (next < Adapters.Count && Adapters[next].Block == block)
            {
                piece = piece.add(Adapters[next].Delta(Scale, trained));
                next++;
            }

            pieces.Add(piece.flatten());
        }

        return torch.cat(pieces, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The logits for <paramref name="x"/>.</summary>
    public Tensor Logits(Tensor x, Func<Tensor, Tensor>? trained = null)
    {
        using var theta = Parameters(trained);
        return Network.Forward(theta, x);
    }

    public void Dispose()
    {
        BaseParameters.Dispose();
        foreach (var adapter in Adapters)
        {
            adapter.Dispose();
        }
    }
}
