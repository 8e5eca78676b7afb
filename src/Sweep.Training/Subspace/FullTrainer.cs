using System.Diagnostics;
using Sweep.Core.Trials;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Subspace;

/// <summary>
/// The full-training baseline (<c>projection.kind: none</c>): all D weights trained from θ0, with the same data,
/// seeds, optimizer, learning rate and epochs as the subspace trials of that seed. Nothing is quantized, so the
/// metrics' quantized and unquantized errors are the same, and <see cref="TrainingMetrics.WPrimeNorm"/> is ‖θ − θ0‖
/// (the distance travelled, the counterpart of ‖w'‖). Blocking; run it on a dedicated thread.
/// </summary>
public static class FullTrainer
{
    public static TrainingOutcome Train(TrialConfig trial, TorchDevice device, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        TorchRuntime.ApplyToCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var torchDevice = device.ToTorch();
        var data = DatasetLoader.Load(trial.Dataset, trial.Seeds.Data);
        var network = NetworkFactory.Create(trial.Model);
        NetworkFactory.CheckShapes(trial.Model, data.Train);
        ct.ThrowIfCancellationRequested();

        using var train = new DeviceDataset(data.Train, torchDevice);
        using var test = new DeviceDataset(data.Test, torchDevice);
        using var generator = new torch.Generator(unchecked((ulong)trial.Seeds.Init), torch.CPU);
        using var initialCpu = network.InitialParameters(generator);
        using var initial = initialCpu.to(torchDevice);
        using var theta = new Parameter(initial.clone());
        var totalSteps = TrainingLoop.Run(trial.EffectiveTraining, train, trial.Seeds.BatchOrder, [theta], x => network.Forward(theta, x), onProgress, ct);

        using var scope = torch.NewDisposeScope();
        var trained = theta.detach();
        var onTrain = NetworkEvaluator.Evaluate(network, trained, train);
        var onTest = NetworkEvaluator.Evaluate(network, trained, test);
        var travelled = (trained - initial).cpu().data<float>().ToArray();
        var metrics = Evaluation.Metrics(onTrain, onTest, onTrain, network.ParameterCount, totalSteps, travelled, 0, stopwatch.Elapsed.TotalSeconds);
        if (trial.KeepFilters)
        {
            metrics = metrics with { FirstLayerFilters = FirstLayerFilters.Extract(network.Layout, trained.cpu().data<float>().ToArray()).ToFloats() };
        }

        return new TrainingOutcome(metrics, []);
    }
}
