using System.Globalization;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Core.Grid;

/// <summary>
/// Expands a spec into its finite grid of trials. A trial's id follows from its grid point (the swept axes, sorted
/// by name, values in invariant round-trip form), so list order in the spec never changes an id.
/// </summary>
public static partial class SweepGrid
{
    public static IReadOnlyList<TrialConfig> Expand(SweepSpec spec)
    {
        var axes = spec.Grid.ScalarAxes.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var points = spec.IsLora ? ExpandLora(spec, axes) : [];
        foreach (var d in spec.Projection.HasSubspaceTrials || spec.IsLora ? spec.Grid.Dimensions.Order() : Enumerable.Empty<int>())
        {
            foreach (var seed in SeedsOf(spec))
            {
                foreach (var values in CartesianProduct(axes.Select(a => a.Value.Order().ToList()).ToList()))
                {
                    var assignment = axes.Select((a, i) => (Axis: a.Key, Value: values[i])).ToList();
                    if (spec.RateDistortion is { } rd)
                    {
                        points.AddRange(CreateRegularizedTrials(spec, rd, d, seed, assignment));
                    }
                    else
                    {
                        points.Add(spec.Mi is null ? CreateTrial(spec, d, seed, assignment) : MiGrid.CreateTrial(spec, d, seed, assignment));
                    }
                }
            }
        }

        if (spec.Projection.HasBaselineTrials && !spec.IsLora)
        {
            points.AddRange(ExpandBaseline(spec, axes));
        }

        if (spec.Topology is not null)
        {
            points = points.Select(p => p with { KeepFilters = true }).ToList();
        }

        var duplicate = points.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two grid points share the trial id {duplicate.Key}.");
        }

        return points;
    }

    public static string CanonicalPoint(int d, int seed, IEnumerable<(string Axis, double Value)> scalarAxes)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["d"] = d.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (axis, value) in scalarAxes)
        {
            parts[axis] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        return string.Join(';', parts.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>The seed axis: the spec's seeds, or with an mi block the P·M (projection, training) indices (see <see cref="MiGrid"/>).</summary>
    private static IEnumerable<int> SeedsOf(SweepSpec spec) =>
        spec.Mi is null ? spec.Grid.Seeds.Order() : Enumerable.Range(0, checked(spec.Mi.Projections * spec.Mi.TrainingsPerProjection));

    /// <summary>The spec's training, quantization and dataset settings with the grid point's scalar axis values applied.</summary>
    internal static (TrainingSpec Training, QuantizationSpec Quantization, DatasetSpec Dataset) ApplyAxes(SweepSpec spec, List<(string Axis, double Value)> assignment)
    {
        var training = spec.Training;
        var quantization = spec.Quantization;
        var dataset = spec.Dataset;
        foreach (var (axis, value) in assignment)
        {
            switch (axis)
            {
                case ScalarAxis.LearningRate: training = training with { LearningRate = value }; break;
                case ScalarAxis.Epochs: training = training with { Epochs = (int)value, Steps = null }; break;
                case ScalarAxis.BatchSize: training = training with { BatchSize = (int)value }; break;
                case ScalarAxis.Levels: quantization = quantization with { Levels = (int)value }; break;
                case ScalarAxis.TrainSize: dataset = dataset with { TrainSize = (int)value }; break;
                default: throw new InvalidOperationException($"Unknown grid axis '{axis}'.");
            }
        }

        return (training, quantization, dataset);
    }

    private static TrialConfig CreateTrial(SweepSpec spec, int d, int seed, List<(string Axis, double Value)> assignment)
    {
        var (training, quantization, dataset) = ApplyAxes(spec, assignment);
        var id = TrialId.FromCanonicalPoint(CanonicalPoint(d, seed, assignment));
        // Seeds follow from the spec's seed and the seed axis only, so every d of one seed shares θ0, data and
        // batch order (common random numbers make the curves smoother); Θ is drawn per (seed, d).
        var seeds = new TrialSeeds(
            Projection: SeedDerivation.Derive(spec.Seed, "projection", seed, d),
            Init: SeedDerivation.Derive(spec.Seed, "init", seed),
            Data: SeedDerivation.Derive(spec.Seed, "data", seed),
            BatchOrder: SeedDerivation.Derive(spec.Seed, "batch-order", seed));
        return new TrialConfig(id, seed, d, dataset, spec.Model, spec.Projection, quantization, training, seeds);
    }

    /// <summary>
    /// The full-training baseline: one trial per seed (and scalar-axis values), with the seeds every d of that seed
    /// uses, so θ0, the training sample and the batch order match the subspace trials'. Its d is 0 (no subspace: all
    /// D weights train) and its id's point is "projection=none;seed=…".
    /// </summary>
    private static IEnumerable<TrialConfig> ExpandBaseline(SweepSpec spec, List<KeyValuePair<string, IReadOnlyList<double>>> axes)
    {
        foreach (var seed in SeedsOf(spec))
        {
            foreach (var values in CartesianProduct(axes.Select(a => a.Value.Order().ToList()).ToList()))
            {
                var assignment = axes.Select((a, i) => (Axis: a.Key, Value: values[i])).ToList();
                var (training, quantization, dataset) = ApplyAxes(spec, assignment);
                var point = string.Join(';', CanonicalPoint(0, seed, assignment).Split(';').Where(p => p != "d=0").Prepend("projection=none"));
                var seeds = new TrialSeeds(
                    Projection: 0,
                    Init: SeedDerivation.Derive(spec.Seed, "init", seed),
                    Data: SeedDerivation.Derive(spec.Seed, "data", seed),
                    BatchOrder: SeedDerivation.Derive(spec.Seed, "batch-order", seed));
                yield return new TrialConfig(TrialId.FromCanonicalPoint(point), seed, 0, dataset, spec.Model, ProjectionSpec.FullTraining with { BaselineLearningRate = spec.Projection.BaselineLearningRate }, quantization, training, seeds);
            }
        }
    }

    private static IEnumerable<double[]> CartesianProduct(List<List<double>> lists)
    {
        IEnumerable<double[]> acc = [[]];
        foreach (var list in lists)
        {
            acc = acc.SelectMany(prefix => list.Select(v => (double[])[.. prefix, v]));
        }

        return acc;
    }
}
