using Sweep.Core.Lora;
using Sweep.Core.Specs;
using Sweep.Core.Trials;
using Sweep.Training.Lora;
using Sweep.Training.Runtime;

namespace Sweep.Training.Tests.Lora;

/// <summary>
/// A small transfer task on a synthetic 8-class Gaussian mixture: an MLP 20-32-32-8 pretrained on classes 0–3,
/// fine-tuned on classes 4–7 (chance 0.75 on those four classes). The base is pretrained once per test run. With
/// these defaults (Adam 0.01, 20 epochs, rank 4, 8 bits on [−1, 1]) every mode reaches train error ≤ 0.02.
/// </summary>
internal static class LoraTestSetup
{
    public static readonly SyntheticSpec Task = new(Features: 20, Classes: 8, Separation: 6, PoolSize: 4000, Seed: 5);

    public static readonly ModelSpec Model = new(ModelKind.Mlp, [20, 32, 32, 8]);

    public static readonly int[] PretrainClasses = [0, 1, 2, 3];

    public static readonly int[] FineTuneClasses = [4, 5, 6, 7];

    private static readonly Lazy<PretrainOutcome> Pretrained = new(() =>
    {
        TorchRuntime.Configure(1);
        return Pretrainer.Pretrain(PretrainStage(), TorchDevice.Cpu, null, CancellationToken.None);
    });

    public static PretrainOutcome Base => Pretrained.Value;

    public static PretrainSpec PretrainStage(long seed = 3) => new(
        Model,
        new DatasetSpec(DatasetKind.Synthetic, null, TrainSize: 1000, TestSize: 400, Task),
        PretrainClasses,
        new TrainingSpec(OptimizerKind.Adam, 0.01, Epochs: 5, Steps: null, BatchSize: 64),
        seed);

    public static LoraTrial Trial(
        LoraMode mode = LoraMode.BOnly,
        int rank = 4,
        int seed = 1,
        int bits = 8,
        double learningRate = 0.01,
        int epochs = 20,
        OptimizerKind optimizer = OptimizerKind.Adam,
        IReadOnlyList<int>? layers = null,
        bool aware = true) => new(
        new DatasetSpec(DatasetKind.Synthetic, null, TrainSize: 600, TestSize: 400, Task),
        new TrainingSpec(optimizer, learningRate, epochs, Steps: null, BatchSize: 64),
        new LoraTrialSettings(rank, mode, bits, Range: 1, FineTuneClasses, Layers: layers, Aware: aware),
        new TrialSeeds(Projection: 10 + seed, Init: 20 + seed, Data: 30 + seed, BatchOrder: 40 + seed));
}
