using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Subspace;

/// <summary>
/// A network restricted to a random subspace: θ = θ0 + Θ·w', with θ0 (D) and Θ (D×d) frozen on the device and w'
/// the only free vector.
/// </summary>
public sealed class SubspaceModel : IDisposable
{
    public SubspaceModel(INetwork network, Tensor initialParameters, Tensor projection)
    {
        if (initialParameters.shape is not [var d] || d != network.ParameterCount)
        {
            throw new ArgumentException($"θ0 must be a vector of D = {network.ParameterCount} values.", nameof(initialParameters));
        }

        if (projection.shape is not [var rows, _] || rows != network.ParameterCount)
        {
            throw new ArgumentException($"Θ must be a D×d matrix with D = {network.ParameterCount}.", nameof(projection));
        }

        Network = network;
        InitialParameters = initialParameters;
        Projection = projection;
    }

    public INetwork Network { get; }

    /// <summary>θ0, owned by this model.</summary>
    public Tensor InitialParameters { get; }

    /// <summary>Θ, owned by this model.</summary>
    public Tensor Projection { get; }

    /// <summary>d, the length of w'.</summary>
    public long Dimension => Projection.shape[1];

    /// <summary>θ0 + Θ·w'.</summary>
    public Tensor Parameters(Tensor wPrime) => InitialParameters.addmv(Projection, wPrime);

    /// <summary>The logits for <paramref name="x"/> at θ0 + Θ·w'.</summary>
    public Tensor Logits(Tensor wPrime, Tensor x)
    {
        using var theta = Parameters(wPrime);
        return Network.Forward(theta, x);
    }

    public void Dispose()
    {
        InitialParameters.Dispose();
        Projection.Dispose();
    }
}
