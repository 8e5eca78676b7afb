using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.RateDistortion;

/// <summary>
/// Per layer of an MLP, from the first to the last: s_l = max(‖W_l‖₂, ‖W̃_l‖₂) and β_l = max(‖b_l‖, ‖b̃_l‖). By the
/// convexity of norms these bound every network on the segment [θ̃, θ] (see <see cref="Sweep.Core.Bounds.MlpLipschitz"/>).
/// </summary>
public sealed record SegmentNorms(double[] SpectralNorms, double[] BiasNorms);

public static class LayerNorms
{
    /// <summary>The segment's layer norms, or null when <paramref name="network"/> is not an MLP.</summary>
    public static SegmentNorms? OnSegment(INetwork network, Tensor theta, Tensor thetaTilde)
    {
        if (network is not FunctionalMlp)
        {
            return null;
        }

        using var noGrad = torch.no_grad();
        var layers = network.Layout.Blocks.Count / 2;
        var spectral = new double[layers];
        var bias = new double[layers];
        for (var l = 0; l < layers; l++)
        {
            using var scope = torch.NewDisposeScope();
            spectral[l] = Math.Max(Spectral(network.Layout.Slice(theta, 2 * l)), Spectral(network.Layout.Slice(thetaTilde, 2 * l)));
            bias[l] = Math.Max(network.Layout.Slice(theta, 2 * l + 1).norm().ToDouble(), network.Layout.Slice(thetaTilde, 2 * l + 1).norm().ToDouble());
        }

        return new SegmentNorms(spectral, bias);
    }

    private static double Spectral(Tensor weight) => torch.linalg.svdvals(weight.to(ScalarType.Float64)).max().ToDouble();
}
