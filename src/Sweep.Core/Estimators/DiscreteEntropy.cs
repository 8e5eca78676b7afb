namespace Sweep.Core.Estimators;

/// <summary>
/// Entropy estimates of a discrete (e.g. quantized) variable, in nats: the plug-in estimate
/// <c>−Σ p̂ ln p̂</c> and Miller–Madow's bias correction <c>plug-in + (m − 1) / (2N)</c>, m the number of
/// values seen and N the number of samples.
/// </summary>
public sealed record EntropyEstimate(double PlugIn, double MillerMadow, long SampleCount, int DistinctCount);

public static class DiscreteEntropy
{
    /// <summary>Estimates from how often each value occurred (zero counts are allowed and ignored).</summary>
    public static EntropyEstimate FromCounts(IReadOnlyCollection<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long total = 0;
        var distinct = 0;
        foreach (var count in counts)
        {
            if (count < 0)
            {
                throw new EstimatorInputException($"Counts must be ≥ 0; found {count}.", nameof(counts));
            }

            total += count;
            distinct += count > 0 ? 1 : 0;
        }

        if (total == 0)
        {
            throw new EstimatorInputException("Entropy needs at least one sample; every count is 0.", nameof(counts));
        }

        var plugIn = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / total;
                plugIn -= p * Math.Log(p);
            }
        }

        return new EntropyEstimate(plugIn, plugIn + (distinct - 1) / (2.0 * total), total, distinct);
    }

    /// <summary>Estimates from samples of a discrete variable, e.g. quantization levels.</summary>
    public static EntropyEstimate FromSamples<T>(IEnumerable<T> samples, IEqualityComparer<T>? comparer = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(samples);
        var counts = new Dictionary<T, long>(comparer);
        foreach (var sample in samples)
        {
            counts[sample] = counts.GetValueOrDefault(sample) + 1;
        }

        return FromCounts(counts.Values);
    }

    /// <summary>Estimates from vector-valued samples (e.g. a quantized weight vector per training), compared element-wise.</summary>
    public static EntropyEstimate FromVectors(IEnumerable<int[]> samples) =>
        FromSamples(samples.Select(s => new VectorKey(s)));

    private readonly record struct VectorKey(int[] Values)
    {
        public bool Equals(VectorKey other) => Values.AsSpan().SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Values.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
