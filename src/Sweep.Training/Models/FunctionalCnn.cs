using Sweep.Core.Specs;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.Models;

/// <summary>
/// A small CNN over θ for the topology of learned filters (issue 17): conv channels→filters k×k (same padding), ReLU,
/// max-pool 2; conv filters→second filters (same padding), ReLU, max-pool 2; linear to the classes. The convolutions
/// are <see cref="Im2ColConvolution"/> (libtorch's conv2d backward is unreliable here; see there). Inputs are
/// side·side·channels features per row, channel-major (as <c>view(-1, channels, side, side)</c> reads them).
/// </summary>
public sealed class FunctionalCnn : INetwork
{
    private readonly ParameterLayout _layout;

    public FunctionalCnn(CnnSpec shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        Shape = shape;
        _layout = new ParameterLayout(
        [
            .. ParameterLayout.Conv2d("conv1", shape.Channels, shape.Filters, shape.Kernel),
            .. ParameterLayout.Conv2d("conv2", shape.Filters, shape.SecondFilters, shape.SecondKernel),
            .. ParameterLayout.Linear("fc", shape.HeadInputs, shape.Classes),
        ]);
    }

    public CnnSpec Shape { get; }

    public long ParameterCount => _layout.ParameterCount;

    public ParameterLayout Layout => _layout;

    public Tensor Forward(Tensor theta, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = x.view(-1, Shape.Channels, Shape.Side, Shape.Side);
        h = F.max_pool2d(F.relu(Im2ColConvolution.Same(h, _layout.Slice(theta, 0), _layout.Slice(theta, 1))), [2, 2]);
        h = F.max_pool2d(F.relu(Im2ColConvolution.Same(h, _layout.Slice(theta, 2), _layout.Slice(theta, 3))), [2, 2]);
        return F.linear(h.flatten(1), _layout.Slice(theta, 4), _layout.Slice(theta, 5)).MoveToOuterDisposeScope();
    }

    public Tensor InitialParameters(torch.Generator generator) => _layout.Initialize(generator);
}
