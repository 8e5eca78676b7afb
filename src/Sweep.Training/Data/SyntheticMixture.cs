using Sweep.Core.Randomness;
using Sweep.Core.Specs;

namespace Sweep.Training.Data;

/// <summary>
/// A seeded Gaussian-mixture classification task. Class means are drawn from N(0, separation²/features · I) by the
/// task seed; a sample of class y is mean[y] + N(0, I). Labels are balanced: each run of <c>classes</c> samples is a
/// random permutation of the classes. The training pool (<see cref="SyntheticSpec.PoolSize"/> samples) follows the
/// means in the task seed's stream; the test split comes from a seed derived from the task seed and is a stream,
/// so its first k samples never depend on how many are asked for.
/// </summary>
public static class SyntheticMixture
{
    /// <summary>The training pool and the first <paramref name="testSize"/> samples of the test split.</summary>
    public static DatasetSplits Generate(SyntheticSpec spec, int testSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Classes, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spec.PoolSize);
        ArgumentOutOfRangeException.ThrowIfNegative(testSize);

        var random = new SplitMix64(spec.Seed);
        var means = DrawMeans(spec, random);
        var pool = Sample(spec, means, spec.PoolSize, random);
        var test = Sample(spec, means, testSize, new SplitMix64(SeedDerivation.Derive(spec.Seed, "synthetic-test")));
        return new DatasetSplits(pool, test);
    }

    private static double[] DrawMeans(SyntheticSpec spec, SplitMix64 random)
    {
        var scale = spec.Separation / Math.Sqrt(spec.Features);
        var means = new double[spec.Classes * spec.Features];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = scale * random.NextGaussian();
        }

        return means;
    }

    private static TabularDataset Sample(SyntheticSpec spec, double[] means, int count, SplitMix64 random)
    {
        var labels = new int[count];
        var features = new float[(long)count * spec.Features];
        var block = new int[spec.Classes];
        for (var start = 0; start < count; start += spec.Classes)
        {
            // Labels and features are drawn block by block, so a longer split starts with a shorter one.
            for (var c = 0; c < block.Length; c++)
            {
                block[c] = c;
            }

            random.Shuffle(block.AsSpan());
            for (var i = start; i < Math.Min(start + spec.Classes, count); i++)
            {
                labels[i] = block[i - start];
                var mean = means.AsSpan(labels[i] * spec.Features, spec.Features);
                var row = features.AsSpan(i * spec.Features, spec.Features);
                for (var f = 0; f < row.Length; f++)
                {
                    row[f] = (float)(mean[f] + random.NextGaussian());
                }
            }
        }

        return new TabularDataset(features, labels, spec.Features, spec.Classes);
    }
}
