using Sweep.Actors.Protocol;
using Sweep.Core.Bounds;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Training.Data;

namespace Sweep.Actors.Estimation;

/// <summary>
/// The estimator's work on one group, off any actor thread: rebuild Z_i^j (the input at position i of training set j,
/// flattened, plus its label) from each member's data seed, and estimate I^Θ(W'; Z_i) for every requested position.
/// </summary>
public static class MiGroupComputation
{
    public static MiGroupEstimate Run(EstimateMiGroup request, TrainingPoolCache pools, int maxDegreeOfParallelism, CancellationToken cancellation)
    {
        if (request.Members.Count < request.Group.Members.Count)
        {
            // A group with a failed member is not the group the bound is about (its trainings are no longer the M
            // i.i.d. draws): fail it loudly instead of estimating from the survivors.
            var missing = request.Group.Members.Except(request.Members.Select(m => m.TrialId)).ToList();
            throw new InvalidOperationException(
                $"{missing.Count} of the group's {request.Group.Members.Count} trainings failed ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}); the group is not estimated.");
        }

        if (request.Mi.Kind == MiKind.Supersample)
        {
            return SupersampleGroupComputation.Run(request);
        }

        var pool = pools.Get(request.Dataset);
        var n = request.Dataset.TrainSize;
        var trainingSets = request.Members.Select(m => SampleDraw.TrainingSet(pool.Count, n, m.DataSeed)).ToList();
        cancellation.ThrowIfCancellationRequested();
        var samples = request.Positions
            .Select(i => (IReadOnlyList<double[]>)trainingSets.Select(set => Row(pool, set[i])).ToList())
            .ToList();
        return IndividualSampleMiBound.Estimate(
            request.Group, request.Mi, request.Sigma, n, request.Members.Select(m => m.WPrime).ToList(), request.Positions, samples, request.Seed, maxDegreeOfParallelism);
    }

    /// <summary>Z: the row's features followed by its label (as a number).</summary>
    private static double[] Row(TabularDataset pool, int row)
    {
        var z = new double[pool.FeatureCount + 1];
        var features = pool.Features.AsSpan(row * pool.FeatureCount, pool.FeatureCount);
        for (var f = 0; f < features.Length; f++)
        {
            z[f] = features[f];
        }

        z[^1] = pool.Labels[row];
        return z;
    }
}

/// <summary>
/// The training pool of the last dataset asked for, shared by the estimators of a node: Fashion-MNIST's pool is read
/// once, not once per group. Thread-safe.
/// </summary>
public sealed class TrainingPoolCache
{
    private readonly Lock _lock = new();
    private (DatasetSpec Key, TabularDataset Pool)? _last;

    public TabularDataset Get(DatasetSpec dataset)
    {
        // The pool does not depend on n or the test size.
        var key = dataset with { TrainSize = 1, TestSize = 1 };
        lock (_lock)
        {
            if (_last is { } last && last.Key == key)
            {
                return last.Pool;
            }

            var pool = DatasetLoader.LoadSplits(dataset, syntheticTestSize: 1).TrainPool;
            _last = (key, pool);
            return pool;
        }
    }
}
