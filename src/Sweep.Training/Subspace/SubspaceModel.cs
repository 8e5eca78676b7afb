using Sweep.Training.Models;
using Sweep.Training.Projections;
using static TorchSharp.torch;

namespace Sweep.Training.Subspace;

/// <summary>
/// A network restricted to a random subspace: θ = θ0 + Θ·w', with θ0 (D) and Θ (D×d, in whatever form its kind
/// keeps it) frozen on the device and w' the only free vector.
/// </summary>
public sealed class SubspaceModel : IDisposable
{
    private readonly IDisposable _projectionOwner;

    /// <param name="initialParameters">θ0, owned by this model.</param>
    /// <param name="projection">Θ, shared: this model disposes <paramref name="projectionOwner"/> (e.g. its cache lease), not Θ.</param>
    public SubspaceModel(INetwork network, Tensor initialParameters, IProjection projection, IDisposable projectionOwner)
    {
        if (initialParameters.shape is not [var d] || d != network.ParameterCount)
        {
            throw new ArgumentException($"θ0 must be a vector of D = {network.ParameterCount} values.", nameof(initialParameters));
        }

        if (projection.Rows != network.ParameterCount)
        {
            throw new ArgumentException($"Θ must be a D×d matrix with D = {network.ParameterCount}.", nameof(projection));
        }

        Network = network;
        InitialParameters = initialParameters;
        Projection = projection;
        _projectionOwner = projectionOwner;
    }

    public INetwork Network { get; }

    /// <summary>θ0, owned by this model.</summary>
    public Tensor InitialParameters { get; }

    /// <summary>Θ.</summary>
    public IProjection Projection { get; }

    /// <summary>d, the length of w'.</summary>
    public long Dimension => Projection.Columns;

    /// <summary>θ0 + Θ·w'.</summary>
    public Tensor Parameters(Tensor wPrime) => Projection.Offset(InitialParameters, wPrime);

    /// <summary>The logits for <paramref name="x"/> at θ0 + Θ·w'.</summary>
    public Tensor Logits(Tensor wPrime, Tensor x)
    {
        using var theta = Parameters(wPrime);
        return Network.Forward(theta, x);
    }

    public void Dispose()
    {
        InitialParameters.Dispose();
        _projectionOwner.Dispose();
    }
}
