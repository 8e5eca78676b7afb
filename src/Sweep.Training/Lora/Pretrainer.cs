using System.Diagnostics;
using Sweep.Core.Lora;
using Sweep.Core.Randomness;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Lora;

/// <summary>What pretraining produced: the checkpoint, and its errors on the pretraining classes.</summary>
public sealed record PretrainOutcome(BaseCheckpoint Checkpoint, Evaluation Train, Evaluation Test, int Steps, double Seconds);

/// <summary>
/// The pretraining stage: trains every weight of the base network on the stage's class subset, deterministically
/// from <see cref="PretrainSpec.Seed"/> (θ0, the n samples and the batch order each follow from a seed derived
/// from it). Blocking; run it on a dedicated thread.
/// </summary>
public static class Pretrainer
{
    /// <summary>The hash stored in the checkpoint: SHA-256 of <see cref="PretrainSpec.Canonical"/>, in hex.</summary>
    public static string StageHash(PretrainSpec spec) => spec.StageHash();

    public static PretrainOutcome Pretrain(PretrainSpec spec, TorchDevice device, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        TorchRuntime.ApplyToCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var torchDevice = device.ToTorch();
        var data = DatasetLoader.Load(spec.Dataset, SeedDerivation.Derive(spec.Seed, "pretrain-data"), spec.Classes);
        var network = NetworkFactory.Create(spec.Model);
        NetworkFactory.CheckShapes(spec.Model, data.Train);
        ct.ThrowIfCancellationRequested();

        using var train = new DeviceDataset(data.Train, torchDevice);
        using var test = new DeviceDataset(data.Test, torchDevice);
        using var theta = InitialParameters(network, SeedDerivation.Derive(spec.Seed, "pretrain-init"), torchDevice);
        var steps = TrainingLoop.Run(
            spec.Training, train, SeedDerivation.Derive(spec.Seed, "pretrain-batches"), [theta], x => network.Forward(theta, x), onProgress, ct);

        using var trained = theta.detach();
        var checkpoint = new BaseCheckpoint(spec.Model, trained.cpu().data<float>().ToArray(), StageHash(spec));
        return new PretrainOutcome(
            checkpoint,
            NetworkEvaluator.Evaluate(network, trained, train),
            NetworkEvaluator.Evaluate(network, trained, test),
            steps,
            stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The stage's checkpoint at <paramref name="path"/>: loaded and verified when it exists, else pretrained and
    /// saved there (atomically), so a resumed sweep reuses it.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is corrupt, or was made by a different pretraining stage.</exception>
    public static BaseCheckpoint LoadOrPretrain(
        PretrainSpec spec, string path, TorchDevice device, Action<TrainingProgress>? onProgress, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            var stored = CheckpointFile.Load(path, spec.Model);
            if (stored.StageHash != StageHash(spec))
            {
                throw new InvalidDataException(
                    $"Base checkpoint '{path}' was made by a different pretraining stage (stage hash {stored.StageHash}, " +
                    $"this stage {StageHash(spec)}); delete it to pretrain again, or point the sweep to another file.");
            }

            return stored;
        }

        var outcome = Pretrain(spec, device, onProgress, ct);
        CheckpointFile.Save(outcome.Checkpoint, path);
        return outcome.Checkpoint;
    }

    private static Parameter InitialParameters(INetwork network, long seed, Device device)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        var theta = new Parameter(network.InitialParameters(generator).to(device));
        theta.MoveToOuterDisposeScope();
        return theta;
    }
}
