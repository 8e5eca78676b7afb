using Sweep.Training.Data;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.Optimization;

/// <summary>One optimizer step of mean cross-entropy on one minibatch, inside its own dispose scope.</summary>
public static class MinibatchStep
{
    /// <summary>
    /// Computes the loss of <paramref name="logits"/> on the rows <paramref name="batch"/> of
    /// <paramref name="train"/> and, when it is finite, steps <paramref name="optimizer"/>. Returns the loss (nats),
    /// taken before the update.
    /// </summary>
    public static double Run(DeviceDataset train, long[] batch, Func<Tensor, Tensor> logits, optim.Optimizer optimizer)
    {
        using var scope = torch.NewDisposeScope();
        var rows = torch.tensor(batch, device: train.Features.device);
        var loss = F.cross_entropy(logits(train.Features.index_select(0, rows)), train.Labels.index_select(0, rows));
        var value = loss.ToDouble();
        if (double.IsFinite(value))
        {
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        return value;
    }
}
