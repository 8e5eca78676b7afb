using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.Models;

/// <summary>
/// LeNet-5 over θ for 28×28 single-channel inputs given as 784 features: conv 1→6 5×5 (pad 2), ReLU, max-pool 2,
/// conv 6→16 5×5, ReLU, max-pool 2, then fully connected 400-120-84-classes with ReLU between.
/// </summary>
public sealed class FunctionalLeNet5 : INetwork
{
    private const int Side = 28;
    private readonly ParameterLayout _layout;

    public FunctionalLeNet5(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Classes = classes;
        _layout = new ParameterLayout(
        [
            .. ParameterLayout.Conv2d("conv1", 1, 6, 5),
            .. ParameterLayout.Conv2d("conv2", 6, 16, 5),
            .. ParameterLayout.Linear("fc1", 16 * 5 * 5, 120),
            .. ParameterLayout.Linear("fc2", 120, 84),
            .. ParameterLayout.Linear("fc3", 84, classes),
        ]);
    }

    public int Classes { get; }

    public long ParameterCount => _layout.ParameterCount;

    public ParameterLayout Layout => _layout;

    public Tensor Forward(Tensor theta, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = x.view(-1, 1, Side, Side);
        h = F.max_pool2d(F.relu(F.conv2d(h, _layout.Slice(theta, 0), _layout.Slice(theta, 1), padding: [2, 2])), [2, 2]);
        h = F.max_pool2d(F.relu(F.conv2d(h, _layout.Slice(theta, 2), _layout.Slice(theta, 3))), [2, 2]);
        h = h.flatten(1);
        h = F.relu(F.linear(h, _layout.Slice(theta, 4), _layout.Slice(theta, 5)));
        h = F.relu(F.linear(h, _layout.Slice(theta, 6), _layout.Slice(theta, 7)));
        return F.linear(h, _layout.Slice(theta, 8), _layout.Slice(theta, 9)).MoveToOuterDisposeScope();
    }

    public Tensor InitialParameters(torch.Generator generator) => _layout.Initialize(generator);
}
