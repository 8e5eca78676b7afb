using System.Diagnostics;
using Sweep.Core.Bounds;
using Sweep.Core.RateDistortion;
using Sweep.Core.Trials;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.Projections;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.RateDistortion;

/// <summary>
/// Trains all D weights from θ0 on the task loss + λ·‖(I − P_Θ)(θ − θ0)‖² (the slicing paper's compressibility
/// penalty, P_Θ exact: <see cref="SubspaceProjector"/>), then compresses θ into its random subspace: w' = the
/// least-squares coefficients of θ − θ0 on Θ, quantized on the spec's fixed grid, θ̃ = θ0 + Θ·w'_q. λ = 0 is plain
/// training of all weights. θ0, Θ, the data and the batch order follow from the trial's seeds as in subspace
/// training. The penalty is applied by its proximal operator after each optimizer step with step η = the learning
/// rate (proximal gradient descent for SGD; decoupled from Adam's scaling as AdamW decouples weight decay): a gradient
/// step on a penalty this stiff overshoots once 2ηλ &gt; 2, while the proximal step is stable for every λ.
/// Blocking; run it on a dedicated thread.
/// </summary>
public static class RegularizedTrainer
{
    /// <exception cref="TrialDivergedException">The loss or θ became non-finite.</exception>
    public static RateDistortionOutcome Train(TrialConfig trial, RegularizedTrialConfig settings, TorchDevice device, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        var lambda = settings.Lambda;
        if (!(lambda >= 0) || double.IsInfinity(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), $"lambda must be finite and non-negative, got {lambda}.");
        }

        TorchRuntime.ApplyToCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var torchDevice = device.ToTorch();
        var quantizer = new UniformQuantizer(trial.Quantization.Levels, trial.Quantization.Range);
        var data = DatasetLoader.Load(trial.Dataset, trial.Seeds.Data);
        var network = NetworkFactory.Create(trial.Model);
        NetworkFactory.CheckShapes(trial.Model, data.Train);

        using var subspace = CreateSubspace(trial, network, torchDevice);
        var matrix = (subspace.Projection as DenseProjection)?.Matrix
            ?? throw new ArgumentException($"projection.kind: regularized trials need a materialized Θ (orthonormal or dense), not {trial.Projection.Kind}.", nameof(trial));
        using var projector = new SubspaceProjector(trial.Projection.Kind, matrix);
        using var train = new DeviceDataset(data.Train, torchDevice);
        using var test = new DeviceDataset(data.Test, torchDevice);
        using var theta = new Parameter(subspace.InitialParameters.clone());
        var proximal = lambda == 0 ? null : ProximalStep(projector, theta, subspace.InitialParameters, lambda * trial.Training.LearningRate);
        var steps = TrainingLoop.Run(trial.Training, train, trial.Seeds.BatchOrder, [theta], x => network.Forward(theta, x), onProgress, ct, proximal);
        return Compress(subspace, projector, quantizer, theta.detach(), train, test, settings.LossCap, steps, stopwatch);
    }

    /// <summary>
    /// The trial as the sweep records it: <see cref="TrainingMetrics"/> of the compressed network θ̃ (the one the
    /// quantization bound certifies), with the full network's numbers, the distortion and the Lipschitz constant on
    /// [θ̃, θ] (the spec's, else derived for an MLP on a bounded input domain) in <see cref="TrainingMetrics.RateDistortion"/>.
    /// </summary>
    public static TrainingOutcome TrainTrial(TrialConfig trial, TorchDevice device, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        var settings = trial.Regularized ?? throw new ArgumentException("The trial has no regularized settings.", nameof(trial));
        var o = Train(trial, settings, device, onProgress, ct);
        var lipschitz = settings.Lipschitz ?? (o.Layers is { } layers && InputDomain.Radius(trial.Dataset) is { } radius
            ? MlpLipschitz.Compute(layers.SpectralNorms, layers.BiasNorms, radius, settings.LossCap)
            : null);
        var rateDistortion = new RateDistortionMetrics(
            o.Full.Train.Loss, o.Full.Train.Error, o.Full.Test.Loss, o.Full.Test.Error, o.Distortion,
            o.TrainDisagreement.Disagreements, o.TrainDisagreement.Inputs, o.TestDisagreement.Disagreements, o.TestDisagreement.Inputs,
            o.FullSurrogateTrainLoss, lipschitz);
        var metrics = Evaluation.Metrics(
            o.Compressed.Train, o.Compressed.Test, o.CompressedUnquantizedTrain, o.ParameterCount, o.Steps, o.WPrime, o.ClippedFraction, o.Seconds);
        return new TrainingOutcome(metrics with { RateDistortion = rateDistortion }, o.WPrime);
    }

    /// <summary>
    /// The proximal operator of η·λ·‖(I − P_Θ)v‖² at v = θ − θ0: the part of v in span(Θ) stays, the rest is scaled by
    /// 1/(1 + 2ηλ). Exact and stable for every λ (λ → ∞ projects θ − θ0 onto span(Θ) after every step).
    /// </summary>
    private static Action ProximalStep(SubspaceProjector projector, Parameter theta, Tensor initial, double rateTimesLambda)
    {
        var keep = 1 / (1 + 2 * rateTimesLambda);
        return () =>
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var offset = theta - initial;
            var residual = offset - projector.Embed(projector.Coefficients(offset));
            theta.sub_(residual.mul_(1 - keep));
        };
    }

    private static SubspaceModel CreateSubspace(TrialConfig trial, INetwork network, Device device)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(unchecked((ulong)trial.Seeds.Init), torch.CPU);
        var initial = network.InitialParameters(generator).to(device);
        var key = new ProjectionKey(trial.Projection.Kind, network.ParameterCount, trial.IntrinsicDimension, trial.Seeds.Projection, device.ToString());
        var lease = ProjectionCache.Shared.Acquire(key);
        return new SubspaceModel(network, initial.MoveToOuterDisposeScope(), lease.Projection, lease);
    }

    private static RateDistortionOutcome Compress(
        SubspaceModel subspace, SubspaceProjector projector, UniformQuantizer quantizer, Tensor theta, DeviceDataset train, DeviceDataset test, double lossCap, int steps, Stopwatch stopwatch)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var coefficients = projector.Coefficients(theta - subspace.InitialParameters);
        var quantized = quantizer.Quantize(coefficients);
        var compressed = subspace.Parameters(quantized);
        var network = subspace.Network;
        var coefficientValues = coefficients.cpu().data<float>().ToArray();
        return new RateDistortionOutcome(
            Full: new NetworkPair(NetworkEvaluator.Evaluate(network, theta, train), NetworkEvaluator.Evaluate(network, theta, test)),
            Compressed: new NetworkPair(NetworkEvaluator.Evaluate(network, compressed, train), NetworkEvaluator.Evaluate(network, compressed, test)),
            CompressedUnquantizedTrain: NetworkEvaluator.Evaluate(network, subspace.Parameters(coefficients), train),
            Distortion: (theta - compressed).norm().ToDouble(),
            FullSurrogateTrainLoss: SurrogateLoss.Mean(network, theta, train, lossCap),
            TrainDisagreement: Disagreement.Count(network, theta, compressed, train),
            TestDisagreement: Disagreement.Count(network, theta, compressed, test),
            Layers: LayerNorms.OnSegment(network, theta, compressed),
            WPrime: quantized.cpu().data<float>().ToArray(),
            ClippedFraction: quantizer.ClippedFraction(coefficientValues),
            ParameterCount: network.ParameterCount,
            Steps: steps,
            Seconds: stopwatch.Elapsed.TotalSeconds);
    }
}
