using Sweep.Core.Specs;

namespace Sweep.Core.Randomness;

/// <summary>
/// Which samples of the training pool a trial trains on. Pure (no Torch, no data): the estimator uses it to rebuild
/// training set j from its data seed, and the data loader to draw it.
/// </summary>
public static class SampleDraw
{
    /// <summary><paramref name="count"/> distinct indices of [0, <paramref name="poolSize"/>), in random order, following <paramref name="seed"/>.</summary>
    public static int[] WithoutReplacement(int poolSize, int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, poolSize);
        var indices = new int[poolSize];
        for (var i = 0; i < poolSize; i++)
        {
            indices[i] = i;
        }

        // A partial Fisher–Yates shuffle: the first `count` slots end up a uniform draw without replacement.
        var random = new SplitMix64(seed);
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(poolSize - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices[..count];
    }

    /// <summary>The pool rows of a trial's n training samples, in training-set order: row i of the training set is pool row [i].</summary>
    public static int[] TrainingSet(int poolSize, int trainSize, long dataSeed) => WithoutReplacement(poolSize, trainSize, dataSeed);
}
