using Sweep.Training.Models;
using TorchSharp;

namespace Sweep.Training.Subspace;

/// <summary>
/// The first-layer filters of a trained subspace trial, θ = θ0 + Θ·w'_q with the quantized w' its metrics were
/// measured with, added to its metrics (a trial of a spec with a <c>topology:</c> block).
/// </summary>
internal static class KeptFilters
{
    public static TrainingOutcome Add(TrainingOutcome outcome, INetwork network, SubspaceModel model, float[] quantizedWPrime)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var wPrime = torch.tensor(quantizedWPrime).to(model.InitialParameters.device);
        var theta = model.Parameters(wPrime).cpu().data<float>().ToArray();
        var filters = FirstLayerFilters.Extract(network.Layout, theta).ToFloats();
        return outcome with { Metrics = outcome.Metrics with { FirstLayerFilters = filters } };
    }
}
