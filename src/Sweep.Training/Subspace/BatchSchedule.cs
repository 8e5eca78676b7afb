using Sweep.Core.Randomness;

namespace Sweep.Training.Subspace;

/// <summary>
/// The minibatch order: each epoch is a fresh permutation of the n training rows, cut into consecutive batches
/// (the last one of an epoch may be smaller). One generator, seeded once, runs across all epochs.
/// </summary>
public sealed class BatchSchedule
{
    private readonly SplitMix64 _random;
    private readonly long[] _permutation;
    private int _position;

    public BatchSchedule(int sampleCount, int batchSize, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        BatchSize = Math.Min(batchSize, sampleCount);
        _random = new SplitMix64(seed);
        _permutation = new long[sampleCount];
        _position = sampleCount;
    }

    public int BatchSize { get; }

    /// <summary>Batches per epoch, ⌈n / batch size⌉.</summary>
    public int BatchesPerEpoch => (_permutation.Length + BatchSize - 1) / BatchSize;

    /// <summary>The row indices of the next batch.</summary>
    public long[] Next()
    {
        if (_position == _permutation.Length)
        {
            for (var i = 0; i < _permutation.Length; i++)
            {
                _permutation[i] = i;
            }

            _random.Shuffle(_permutation.AsSpan());
            _position = 0;
        }

        var count = Math.Min(BatchSize, _permutation.Length - _position);
        var batch = _permutation[_position..(_position + count)];
        _position += count;
        return batch;
    }
}
