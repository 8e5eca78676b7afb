using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// A network written as a pure function of one flat float32 parameter vector θ of length
/// <see cref="ParameterCount"/>, so θ can be θ0 + Θ·w' and gradients flow to w' alone.
/// </summary>
public interface INetwork
{
    /// <summary>D, the length of θ.</summary>
    long ParameterCount { get; }

    /// <summary>Where each weight and bias sits in θ.</summary>
    ParameterLayout Layout { get; }

    /// <summary>The logits for the rows of <paramref name="x"/> (batch × inputs) under parameters <paramref name="theta"/>.</summary>
    Tensor Forward(Tensor theta, Tensor x);

    /// <summary>θ0 as PyTorch initializes its layers by default, drawn from <paramref name="generator"/> (a CPU float32 vector).</summary>
    Tensor InitialParameters(torch.Generator generator);
}
