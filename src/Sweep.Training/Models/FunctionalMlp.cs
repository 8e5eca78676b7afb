using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.Models;

/// <summary>A fully connected network over θ, e.g. 784-200-200-10: ReLU between layers, none after the last.</summary>
public sealed class FunctionalMlp : INetwork
{
    private readonly ParameterLayout _layout;
    private readonly int _layers;

    public FunctionalMlp(IReadOnlyList<int> widths)
    {
        if (widths.Count < 2 || widths.Any(w => w < 1))
        {
            throw new ArgumentException($"An MLP needs at least two positive widths, got [{string.Join(", ", widths)}].", nameof(widths));
        }

        Widths = widths.ToArray();
        _layers = widths.Count - 1;
        _layout = new ParameterLayout(Enumerable.Range(0, _layers).SelectMany(i => ParameterLayout.Linear($"fc{i + 1}", widths[i], widths[i + 1])));
    }

    public IReadOnlyList<int> Widths { get; }

    public long ParameterCount => _layout.ParameterCount;

    public ParameterLayout Layout => _layout;

    public Tensor Forward(Tensor theta, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = x;
        for (var i = 0; i < _layers; i++)
        {
            h = F.linear(h, _layout.Slice(theta, 2 * i), _layout.Slice(theta, 2 * i + 1));
            if (i < _layers - 1)
            {
                h = F.relu(h);
            }
        }

        return h.MoveToOuterDisposeScope();
    }

    public Tensor InitialParameters(torch.Generator generator) => _layout.Initialize(generator);
}
