using Sweep.Training.Data;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.Models;

/// <summary>Mean cross-entropy (nats) and 0-1 error of a network on a whole dataset.</summary>
public readonly record struct Evaluation(double Loss, double Error)
{
    /// <summary>
    /// A trial's metrics, all measured with the quantized trained numbers (w' or the adapters), beside the training
    /// error before quantization; the norm is of the quantized numbers.
    /// </summary>
    public static Sweep.Core.Trials.TrainingMetrics Metrics(
        Evaluation onTrain, Evaluation onTest, Evaluation unquantizedTrain, long parameterCount, int steps, float[] quantized, double clippedFraction, double seconds) =>
        new(
            TrainLoss: onTrain.Loss,
            TrainError: onTrain.Error,
            TestLoss: onTest.Loss,
            TestError: onTest.Error,
            TrainErrorUnquantized: unquantizedTrain.Error,
            ParameterCount: parameterCount,
            Steps: steps,
            WPrimeNorm: Math.Sqrt(quantized.Sum(v => (double)v * v)),
            ClippedFraction: clippedFraction,
            Seconds: seconds);
}

/// <summary>Evaluates a network at given parameters θ, in chunks, without building a graph.</summary>
public static class NetworkEvaluator
{
    /// <summary>The most rows evaluated at once.</summary>
    public const int ChunkSize = 2048;

    public static Evaluation Evaluate(INetwork network, Tensor theta, DeviceDataset data)
    {
        if (data.Count == 0)
        {
            return new Evaluation(double.NaN, double.NaN);
        }

        using var noGrad = torch.no_grad();
        double lossSum = 0;
        long errors = 0;
        for (var start = 0; start < data.Count; start += ChunkSize)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(ChunkSize, data.Count - start);
            var labels = data.Labels.narrow(0, start, rows);
            var logits = network.Forward(theta, data.Features.narrow(0, start, rows));
            lossSum += F.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).ToDouble();
            errors += logits.argmax(1).ne(labels).sum().ToInt64();
        }

        return new Evaluation(lossSum / data.Count, (double)errors / data.Count);
    }

    /// <summary>Per example, whether the network misclassifies it (its 0-1 loss).</summary>
    public static bool[] Misclassified(INetwork network, Tensor theta, DeviceDataset data)
    {
        using var noGrad = torch.no_grad();
        var wrong = new bool[data.Count];
        for (var start = 0; start < data.Count; start += ChunkSize)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(ChunkSize, data.Count - start);
            var labels = data.Labels.narrow(0, start, rows);
            var logits = network.Forward(theta, data.Features.narrow(0, start, rows));
            var flags = logits.argmax(1).ne(labels).cpu().data<bool>().ToArray();
            flags.CopyTo(wrong, start);
        }

        return wrong;
    }
}
