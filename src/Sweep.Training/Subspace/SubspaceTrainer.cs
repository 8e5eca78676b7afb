using System.Diagnostics;
using Sweep.Core.Specs;
using Sweep.Core.Trials;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.Projections;
using Sweep.Training.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Subspace;

/// <summary>
/// Trains one trial in its random subspace: θ = θ0 + Θ·w'_q with w' ∈ R^d starting at 0 and the only trained vector,
/// where w'_q is the straight-through quantized w' for quantization-aware training and w' itself otherwise. Every
/// random draw follows from <see cref="TrialConfig.Seeds"/>, so the same trial gives bit-identical metrics and w'
/// (at a fixed thread count, see <see cref="TorchRuntime.Configure"/>). Blocking; run it on a dedicated thread.
/// </summary>
public static class SubspaceTrainer
{
    /// <summary>Trains, then evaluates with the quantized w' (always, also without quantization-aware training).</summary>
    /// <exception cref="TrialDivergedException">The loss or w' became non-finite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (checked every step).</exception>
    /// <remarks>A full-training baseline trial (<see cref="ProjectionKind.None"/>) goes to <see cref="FullTrainer"/>.</remarks>
    public static TrainingOutcome Train(TrialConfig trial, TorchDevice device, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        if (trial.Projection.Kind == ProjectionKind.None)
        {
            return FullTrainer.Train(trial, device, onProgress, ct);
        }

        TorchRuntime.ApplyToCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var learningRate = trial.Training.LearningRate;
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentException($"training.learning_rate must be positive and finite, got {learningRate}.", nameof(trial));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trial.IntrinsicDimension);
        var torchDevice = device.ToTorch();
        var quantizer = new UniformQuantizer(trial.Quantization.Levels, trial.Quantization.Range);
        var supersample = trial.Supersample is { } ss ? DatasetLoader.LoadSupersample(trial.Dataset, ss.Seed, trial.Seeds.Data) : null;
        var data = supersample?.Data ?? DatasetLoader.Load(trial.Dataset, trial.Seeds.Data);
        var network = NetworkFactory.Create(trial.Model);
        NetworkFactory.CheckShapes(trial.Model, data.Train);
        ct.ThrowIfCancellationRequested();

        using var model = CreateModel(trial, network, torchDevice);
        using var train = new DeviceDataset(data.Train, torchDevice);
        using var test = new DeviceDataset(data.Test, torchDevice);
        using var halves = supersample is null ? null : new DeviceDataset(supersample.Halves, torchDevice);
        using var wPrime = new Parameter(torch.zeros(trial.IntrinsicDimension, dtype: ScalarType.Float32, device: torchDevice));

        var aware = trial.Quantization.Aware ? quantizer : null;
        var totalSteps = TrainingLoop.Run(
            trial.Training,
            train,
            trial.Seeds.BatchOrder,
            [wPrime],
            x => model.Logits(aware is null ? wPrime : aware.StraightThrough(wPrime), x),
            onProgress,
            ct);

        var outcome = Finish(model, train, test, halves, wPrime, quantizer, totalSteps, stopwatch);
        return trial.KeepFilters ? KeptFilters.Add(outcome, network, model, outcome.WPrime) : outcome;
    }

    private static SubspaceModel CreateModel(TrialConfig trial, INetwork network, Device device)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(unchecked((ulong)trial.Seeds.Init), torch.CPU);
        var initial = network.InitialParameters(generator).to(device);
        var key = new ProjectionKey(trial.Projection.Kind, network.ParameterCount, trial.IntrinsicDimension, trial.Seeds.Projection, device.ToString());
        var lease = ProjectionCache.Shared.Acquire(key);
        return new SubspaceModel(network, initial.MoveToOuterDisposeScope(), lease.Projection, lease);
    }

    private static TrainingOutcome Finish(
        SubspaceModel model, DeviceDataset train, DeviceDataset test, DeviceDataset? halves, Parameter wPrime, UniformQuantizer quantizer, int steps, Stopwatch stopwatch)
    {
        using var scope = torch.NewDisposeScope();
        var raw = wPrime.detach();
        var quantized = quantizer.Quantize(raw);
        var onTrain = SubspaceEvaluator.Evaluate(model, train, quantized);
        var onTest = SubspaceEvaluator.Evaluate(model, test, quantized);
        var unquantized = SubspaceEvaluator.Evaluate(model, train, raw);
        var rawValues = raw.cpu().data<float>().ToArray();
        var quantizedValues = quantized.cpu().data<float>().ToArray();
        var metrics = Evaluation.Metrics(
            onTrain, onTest, unquantized, model.Network.ParameterCount, steps, quantizedValues, quantizer.ClippedFraction(rawValues), stopwatch.Elapsed.TotalSeconds);
        if (halves is not null)
        {
            // The 0-1 losses on both halves of the supersample, with the quantized w' (what the CMI bounds need).
            var wrong = SubspaceEvaluator.Misclassified(model, halves, quantized);
            var n = wrong.Length / 2;
            metrics = metrics with { SupersampleLosses = Core.Randomness.SupersampleDraw.EncodeLosses(wrong[..n], wrong[n..]) };
        }

        return new TrainingOutcome(metrics, quantizedValues);
    }
}
