using System.Diagnostics;
using Sweep.Core.Trials;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Lora;

/// <summary>
/// Fine-tunes LoRA adapters on a pretrained base. The fine-tuning classes keep their labels and the base keeps its
/// head, so a base pretrained on classes 0–4 of a 10-class dataset learns classes 5–9 through the adapters alone.
/// The trained numbers are quantized to q bits (2^q levels on [−range, range]) and every reported error is measured
/// with the quantized adapters. Every random draw follows from the trial's seeds, so the same trial gives
/// bit-identical metrics at a fixed thread count (see <see cref="TorchRuntime.Configure"/>). Blocking; run it on a
/// dedicated thread.
/// </summary>
public static class LoraTrainer
{
    /// <exception cref="TrialDivergedException">The loss or an adapter became non-finite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (checked every step).</exception>
    public static LoraOutcome Train(
        LoraTrial trial, BaseCheckpoint checkpoint, TorchDevice device, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        TorchRuntime.ApplyToCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        trial.Lora.Validate();
        var torchDevice = device.ToTorch();
        var data = DatasetLoader.Load(trial.Dataset, trial.Seeds.Data, trial.Lora.Classes);
        var network = NetworkFactory.Create(checkpoint.Model);
        NetworkFactory.CheckShapes(checkpoint.Model, data.Train);
        ct.ThrowIfCancellationRequested();

        using var model = LoraNetwork.Create(network, BaseParameters(checkpoint, torchDevice), trial.Lora, trial.Seeds, torchDevice);
        using var train = new DeviceDataset(data.Train, torchDevice);
        using var test = new DeviceDataset(data.Test, torchDevice);
        var quantizer = new UniformQuantizer(trial.Lora.Levels, trial.Lora.Range);
        var steps = Fit(model, train, trial, quantizer, onProgress, ct);
        return Finish(model, trial, train, test, quantizer, steps, stopwatch);
    }

    /// <summary>
    /// The training loop alone: trains <paramref name="model"/>'s adapters on <paramref name="train"/> (with the
    /// straight-through quantizer when the trial asks for quantization-aware training); returns the steps taken.
    /// </summary>
    public static int Fit(
        LoraNetwork model, DeviceDataset train, LoraTrial trial, UniformQuantizer quantizer, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        Func<Tensor, Tensor>? aware = trial.Lora.Aware ? quantizer.StraightThrough : null;
        return TrainingLoop.Run(trial.Training, train, trial.Seeds.BatchOrder, model.TrainableParameters, x => model.Logits(x, aware), onProgress, ct);
    }

    /// <summary>θ0 of <paramref name="checkpoint"/> on <paramref name="device"/>.</summary>
    public static Tensor BaseParameters(BaseCheckpoint checkpoint, Device device)
    {
        using var scope = torch.NewDisposeScope();
        return torch.tensor(checkpoint.Parameters).to(device).MoveToOuterDisposeScope();
    }

    private static LoraOutcome Finish(
        LoraNetwork model, LoraTrial trial, DeviceDataset train, DeviceDataset test, UniformQuantizer quantizer, int steps, Stopwatch stopwatch)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var unquantized = NetworkEvaluator.Evaluate(model.Network, model.Parameters(), train);
        var raw = torch.cat(model.TrainableParameters.Select(p => p.detach().flatten()).ToArray(), 0).cpu().data<float>().ToArray();
        foreach (var parameter in model.TrainableParameters)
        {
            parameter.copy_(quantizer.Quantize(parameter));
        }

        var theta = model.Parameters();
        var onTrain = NetworkEvaluator.Evaluate(model.Network, theta, train);
        var onTest = NetworkEvaluator.Evaluate(model.Network, theta, test);
        var quantized = torch.cat(model.TrainableParameters.Select(p => p.detach().flatten()).ToArray(), 0).cpu().data<float>().ToArray();
        var metrics = Evaluation.Metrics(
            onTrain, onTest, unquantized, model.Network.ParameterCount, steps, quantized, quantizer.ClippedFraction(raw), stopwatch.Elapsed.TotalSeconds);
        return new LoraOutcome(
            metrics, trial.Lora.Mode, trial.Lora.Rank, trial.Lora.Bits, train.Count, model.TrainableParameterCount, model.Shapes, quantized);
    }
}
