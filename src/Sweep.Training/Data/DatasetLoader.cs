using Sweep.Core.Randomness;
using Sweep.Core.Specs;

namespace Sweep.Training.Data;

/// <summary>The data one trial trains and evaluates on.</summary>
public sealed record TrialData(TabularDataset Train, TabularDataset Test);

/// <summary>A CMI trial's data and its whole supersample, Z̃_{·,0} (rows 0..n−1) then Z̃_{·,1} (rows n..2n−1).</summary>
public sealed record SupersampleData(TrialData Data, TabularDataset Halves);

/// <summary>
/// Builds a trial's data from its <see cref="DatasetSpec"/>: n = <see cref="DatasetSpec.TrainSize"/> training samples
/// drawn without replacement from the training pool by the data seed, and the first
/// <see cref="DatasetSpec.TestSize"/> samples of the fixed test split. With a class subset, both the pool and the
/// test split are first cut down to the samples of those classes (labels keep their values).
/// </summary>
public static class DatasetLoader
{
    public static TrialData Load(DatasetSpec spec, long dataSeed, IReadOnlyCollection<int>? classes = null)
    {
        // Synthetic labels come in balanced blocks of every class, so TestSize·classes samples hold TestSize of any subset.
        var splits = LoadSplits(spec, classes is null || spec.Synthetic is null ? null : checked(spec.TestSize * spec.Synthetic.Classes));
        var subset = "";
        if (classes is not null)
        {
            splits = new DatasetSplits(splits.TrainPool.OfClasses(classes), splits.Test.OfClasses(classes));
            subset = $" of classes {{{string.Join(", ", classes)}}}";
        }

        if (spec.TrainSize < 1 || spec.TrainSize > splits.TrainPool.Count)
        {
            throw new ArgumentException(
                $"dataset.train_size ({spec.TrainSize}) must be between 1 and the training pool's {splits.TrainPool.Count} samples{subset}.", nameof(spec));
        }

        if (spec.TestSize < 1 || spec.TestSize > splits.Test.Count)
        {
            throw new ArgumentException(
                $"dataset.test_size ({spec.TestSize}) must be between 1 and the test split's {splits.Test.Count} samples{subset}.", nameof(spec));
        }

        var train = splits.TrainPool.Subset(DrawWithoutReplacement(splits.TrainPool.Count, spec.TrainSize, dataSeed));
        return new TrialData(train, splits.Test.Take(spec.TestSize));
    }

    /// <summary>
    /// A CMI trial's data: the group's supersample Z̃ (2n pool rows from <paramref name="supersampleSeed"/>), the
    /// training set (Z̃_{i,U_i})_i with U drawn from <paramref name="dataSeed"/>, and the test split as in <see cref="Load"/>.
    /// <see cref="SupersampleData.Halves"/> holds Z̃_{·,0} then Z̃_{·,1} (2n rows) for the per-example losses.
    /// </summary>
    public static SupersampleData LoadSupersample(DatasetSpec spec, long supersampleSeed, long dataSeed)
    {
        var splits = LoadSplits(spec);
        if (spec.TestSize < 1 || spec.TestSize > splits.Test.Count)
        {
            throw new ArgumentException($"dataset.test_size ({spec.TestSize}) must be between 1 and the test split's {splits.Test.Count} samples.", nameof(spec));
        }

        var rows = SupersampleDraw.Rows(splits.TrainPool.Count, spec.TrainSize, supersampleSeed);
        var selector = SupersampleDraw.Selector(spec.TrainSize, dataSeed);
        var train = splits.TrainPool.Subset(SupersampleDraw.TrainingRows(rows, selector));
        return new SupersampleData(new TrialData(train, splits.Test.Take(spec.TestSize)), splits.TrainPool.Subset(rows));
    }

    /// <summary>
    /// The whole training pool and the test split <paramref name="spec"/> names. A synthetic test split is generated
    /// with <paramref name="syntheticTestSize"/> samples (default <see cref="DatasetSpec.TestSize"/>).
    /// </summary>
    public static DatasetSplits LoadSplits(DatasetSpec spec, int? syntheticTestSize = null) => spec.Kind switch
    {
        DatasetKind.FashionMnist => FashionMnist.Load(spec.Path ?? DatasetSpec.DefaultFashionMnistPath),
        DatasetKind.Mnist => MnistDigits.Load(spec.Path ?? DatasetSpec.DefaultMnistPath),
        DatasetKind.Synthetic => SyntheticMixture.Generate(
            spec.Synthetic ?? throw new ArgumentException("dataset: the synthetic dataset needs its settings (features, classes, ...).", nameof(spec)),
            syntheticTestSize ?? spec.TestSize),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), $"dataset.name: unknown dataset kind {spec.Kind}."),
    };

    /// <summary><paramref name="count"/> distinct indices of [0, <paramref name="poolSize"/>), in random order, following <paramref name="seed"/>.</summary>
    public static int[] DrawWithoutReplacement(int poolSize, int count, long seed) => SampleDraw.WithoutReplacement(poolSize, count, seed);
}
