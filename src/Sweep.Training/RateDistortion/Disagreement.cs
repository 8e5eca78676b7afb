using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.RateDistortion;

/// <summary>Counts the inputs on which two parameter vectors of one network predict different classes (labels unused).</summary>
public static class Disagreement
{
    public static DisagreementCount Count(INetwork network, Tensor first, Tensor second, DeviceDataset data)
    {
        using var noGrad = torch.no_grad();
        long differ = 0;
        for (var start = 0; start < data.Count; start += NetworkEvaluator.ChunkSize)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(NetworkEvaluator.ChunkSize, data.Count - start);
            var x = data.Features.narrow(0, start, rows);
            differ += network.Forward(first, x).argmax(1).ne(network.Forward(second, x).argmax(1)).sum().ToInt64();
        }

        return new DisagreementCount(differ, data.Count);
    }
}
