using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.RateDistortion;

/// <summary>The bounded surrogate loss min(CE, B)/B ∈ [0, 1], averaged over a dataset, in chunks, without a graph.</summary>
public static class SurrogateLoss
{
    public static double Mean(INetwork network, Tensor theta, DeviceDataset data, double cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap);
        using var noGrad = torch.no_grad();
        double sum = 0;
        for (var start = 0; start < data.Count; start += NetworkEvaluator.ChunkSize)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(NetworkEvaluator.ChunkSize, data.Count - start);
            var losses = F.cross_entropy(network.Forward(theta, data.Features.narrow(0, start, rows)), data.Labels.narrow(0, start, rows), reduction: nn.Reduction.None);
            sum += losses.clamp_max(cap).sum().ToDouble() / cap;
        }

        return sum / data.Count;
    }
}
