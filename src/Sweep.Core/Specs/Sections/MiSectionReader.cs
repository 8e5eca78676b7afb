using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads and checks the optional <c>mi:</c> block of a spec (see <see cref="MiSpec"/>).</summary>
internal static class MiSectionReader
{
    private static readonly Dictionary<string, MiEstimatorKind> EstimatorNames = new()
    {
        ["ksg"] = MiEstimatorKind.Ksg,
        ["ksmi"] = MiEstimatorKind.Ksmi,
    };

    private static readonly Dictionary<string, MiKind> KindNames = new()
    {
        ["individual_sample"] = MiKind.IndividualSample,
        ["supersample"] = MiKind.Supersample,
    };

    public static MiSpec? Read(YamlFieldReader r, YamlMappingNode root, GridSpec? grid, DatasetSpec? dataset)
    {
        var node = r.Section(root, "", "mi", required: false);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "mi", "kind", "trainings_per_projection", "projections", "estimator", "k", "slices", "slice_dim", "samples_per_trial", "delta", "null_repetitions");
        if (r.Child(root, "grid") is YamlMappingNode gridNode && r.Child(gridNode, "seeds") is { } seedsNode)
        {
            r.Error(seedsNode, "grid.seeds", "with an mi block the trials per d are mi.projections × mi.trainings_per_projection; drop grid.seeds");
        }

        var kind = r.Enum(node, "mi", "kind", required: false, KindNames, MiKind.IndividualSample);
        var nullRepetitions = r.Int(node, "mi", "null_repetitions", required: false, fallback: Estimators.PermutationNull.DefaultRepetitions, min: 2, max: 10_000);
        if (kind == MiKind.Supersample)
        {
            return ReadSupersample(r, node, dataset, nullRepetitions);
        }

        if (r.Child(node, "delta") is { } deltaNode)
        {
            r.Error(deltaNode, "mi.delta", "applies only to kind: supersample (the individual-sample term is an estimate with no confidence)");
        }

        var estimator = r.Enum(node, "mi", "estimator", required: false, EstimatorNames, MiEstimatorKind.Ksg);
        if (estimator == MiEstimatorKind.Ksmi)
        {
            r.Error(r.Child(node, "estimator"), "mi.estimator",
                "ksmi is not offered in a sweep: slicing W' after training can only lower the MI (data processing), so the sliced term is no stand-in for I^Θ(W'; Z_i); the sliced bound uses W' whole (estimator: ksg). k-SMI stays in `sweep mi`");
        }
        var k = r.Int(node, "mi", "k", required: false, fallback: 3, min: 1, max: 1000);
        var trainings = r.Int(node, "mi", "trainings_per_projection", required: true, min: 2, max: 1_000_000);
        var projections = r.Int(node, "mi", "projections", required: false, fallback: 1, min: 1, max: 1_000_000);
        if (trainings is { } m && k is { } kk && m <= kk)
        {
            r.Error(r.Child(node, "trainings_per_projection"), "mi.trainings_per_projection", $"KSG needs more than k = {kk} trainings per projection, got {m}");
        }

        if (estimator == MiEstimatorKind.Ksg)
        {
            foreach (var key in new[] { "slices", "slice_dim" })
            {
                if (r.Child(node, key) is { } extra)
                {
                    r.Error(extra, "mi." + key, "applies only to estimator: ksmi");
                }
            }
        }

        var slices = r.Int(node, "mi", "slices", required: false, fallback: MiSpec.DefaultSlices, min: 1, max: 1_000_000);
        var sliceDim = r.Int(node, "mi", "slice_dim", required: false, fallback: 1, min: 1, max: 100_000);
        if (estimator == MiEstimatorKind.Ksmi && sliceDim is { } sd)
        {
            var smallestD = grid is { Dimensions.Count: > 0 } ? grid.Dimensions.Min() : int.MaxValue;
            var zDimension = dataset is null ? int.MaxValue : DatasetFacts.Inputs(dataset) + 1;
            if (sd > Math.Min(smallestD, zDimension))
            {
                r.Error(r.Child(node, "slice_dim"), "mi.slice_dim",
                    $"slices W' (dimension d ≥ {smallestD}) and Z_i (input plus label, dimension {zDimension}); k = {sd} is larger than {Math.Min(smallestD, zDimension)}");
            }
        }

        var smallestN = dataset is null ? int.MaxValue : dataset.TrainSize;
        if (grid is not null && grid.ScalarAxes.TryGetValue(ScalarAxis.TrainSize, out var sizes) && sizes.Count > 0)
        {
            smallestN = (int)sizes.Min();
        }

        if (dataset is not null && trainings is not null)
        {
            CheckPool(r, root, dataset, grid);
        }

        var samples = r.Int(node, "mi", "samples_per_trial", required: false, fallback: Math.Min(MiSpec.DefaultSamplesPerTrial, smallestN), min: 1);
        if (samples > smallestN)
        {
            r.Error(r.Child(node, "samples_per_trial"), "mi.samples_per_trial", $"picks sample positions among the n = {smallestN} training samples; {samples} is more than n");
            return null;
        }

        return estimator is null || k is null || trainings is null || projections is null || slices is null || sliceDim is null || samples is null
            ? null
            : new MiSpec(trainings.Value, projections.Value, estimator.Value, k.Value, slices.Value, sliceDim.Value, samples.Value)
            {
                NullRepetitions = r.Child(node, "null_repetitions") is null ? null : nullRepetitions,
            };
    }

    /// <summary>
    /// The pool rule for near-independent training sets: pool_size ≥ 10·n. Two training sets of n drawn without
    /// replacement from a pool of N then share n²/N ≤ n/10 samples in expectation (at most a tenth of each set), so the
    /// M pairs (w'_j, Z_i^j) are close to the independent draws the estimator assumes. n is the largest swept n.
    /// </summary>
    public const int PoolFactor = 10;

    private static void CheckPool(YamlFieldReader r, YamlMappingNode root, DatasetSpec dataset, GridSpec? grid)
    {
        var largestN = dataset.TrainSize;
        if (grid is not null && grid.ScalarAxes.TryGetValue(ScalarAxis.TrainSize, out var sizes) && sizes.Count > 0)
        {
            largestN = Math.Max(largestN, (int)sizes.Max());
        }

        var (pool, where) = dataset switch
        {
            { Synthetic: { } s } => (s.PoolSize, "dataset.pool_size"),
            { Kind: DatasetKind.FashionMnist } => (60_000, "dataset.train_size"),
            _ => (int.MaxValue, ""),
        };
        if ((long)PoolFactor * largestN > pool)
        {
            var datasetNode = r.Child(root, "dataset") as YamlMappingNode;
            var at = datasetNode is null ? null : r.Child(datasetNode, where == "dataset.pool_size" ? "pool_size" : "train_size");
            r.Error(at ?? datasetNode ?? (YamlNode)root, where,
                $"an mi block draws its M training sets from one pool, and they are near-independent only when the pool holds at least {PoolFactor}·n = {(long)PoolFactor * largestN} samples (two sets then share ≤ n/{PoolFactor} in expectation); the pool has {pool}");
        }
    }

    private static MiSpec? ReadSupersample(YamlFieldReader r, YamlMappingNode node, DatasetSpec? dataset, int? nullRepetitions)
    {
        foreach (var key in new[] { "estimator", "k", "slices", "slice_dim", "samples_per_trial" })
        {
            if (r.Child(node, key) is { } extra)
            {
                r.Error(extra, "mi." + key, "applies only to the individual-sample kind; kind: supersample uses plug-in MI of the 0-1 losses at every position");
            }
        }

        var trainings = r.Int(node, "mi", "trainings_per_projection", required: true, min: 2, max: 1_000_000);
        var projections = r.Int(node, "mi", "projections", required: false, fallback: 1, min: 1, max: 1_000_000);
        var delta = r.Double(node, "mi", "delta", required: false, fallback: MiSpec.DefaultDelta, min: 0, exclusiveMin: true);
        if (delta is >= 1)
        {
            r.Error(r.Child(node, "delta"), "mi.delta", $"is a failure probability in (0, 1); got {delta}");
            return null;
        }

        if (dataset is { Synthetic: { } synthetic } && 2L * dataset.TrainSize > synthetic.PoolSize)
        {
            r.Error(r.Child(node, "kind"), "mi.kind", $"supersample draws 2n = {2L * dataset.TrainSize} distinct examples, more than dataset.pool_size = {synthetic.PoolSize}");
            return null;
        }

        return trainings is null || projections is null || delta is null || nullRepetitions is null
            ? null
            : new MiSpec(trainings.Value, projections.Value, MiEstimatorKind.Ksg, Estimators.Ksg.DefaultK, MiSpec.DefaultSlices, 1, 1)
            {
                Kind = MiKind.Supersample,
                Delta = delta,
                NullRepetitions = nullRepetitions,
            };
    }
}
