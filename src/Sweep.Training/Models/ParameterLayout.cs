using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>One tensor inside θ: its name, shape, and the fan-in that sets its initialization bound.</summary>
public sealed record ParameterBlock(string Name, long[] Shape, long FanIn)
{
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// Where each weight and bias sits in the flat vector θ, in PyTorch's <c>state_dict</c> order. Slices are views of
/// θ, so autograd sees through them.
/// </summary>
public sealed class ParameterLayout
{
    private readonly long[] _offsets;

    public ParameterLayout(IEnumerable<ParameterBlock> blocks)
    {
        Blocks = blocks.ToArray();
        _offsets = new long[Blocks.Count];
        for (var i = 1; i < Blocks.Count; i++)
        {
            _offsets[i] = _offsets[i - 1] + Blocks[i - 1].Count;
        }

        ParameterCount = Blocks.Count == 0 ? 0 : _offsets[^1] + Blocks[^1].Count;
    }

    public IReadOnlyList<ParameterBlock> Blocks { get; }

    public long ParameterCount { get; }

    /// <summary>Block <paramref name="index"/> of <paramref name="theta"/>, as a view with the block's shape.</summary>
    public Tensor Slice(Tensor theta, int index) =>
        theta.narrow(0, _offsets[index], Blocks[index].Count).view(Blocks[index].Shape);

    /// <summary>
    /// PyTorch's default for <c>Linear</c> and <c>Conv2d</c>: every weight and bias uniform on
    /// [-1/√fan_in, 1/√fan_in]. One uniform draw of length D, then each block is scaled in place.
    /// </summary>
    public Tensor Initialize(torch.Generator generator)
    {
        var theta = torch.rand(ParameterCount, dtype: ScalarType.Float32, generator: generator);
        for (var i = 0; i < Blocks.Count; i++)
        {
            var bound = 1.0 / Math.Sqrt(Blocks[i].FanIn);
            using var block = theta.narrow(0, _offsets[i], Blocks[i].Count);
            block.mul_(2 * bound).sub_(bound);
        }

        return theta;
    }

    /// <summary>The weight and bias blocks of a fully connected layer <paramref name="inputs"/> → <paramref name="outputs"/>.</summary>
    public static IEnumerable<ParameterBlock> Linear(string name, long inputs, long outputs) =>
    [
        new(name + ".weight", [outputs, inputs], inputs),
        new(name + ".bias", [outputs], inputs),
    ];

    /// <summary>The weight and bias blocks of a square-kernel convolution.</summary>
    public static IEnumerable<ParameterBlock> Conv2d(string name, long inChannels, long outChannels, long kernel) =>
    [
        new(name + ".weight", [outChannels, inChannels, kernel, kernel], inChannels * kernel * kernel),
        new(name + ".bias", [outChannels], inChannels * kernel * kernel),
    ];
}
