using Sweep.Core.Estimators;
using Sweep.Core.Grid;
using Sweep.Core.Specs;

namespace Sweep.Core.Topology;

/// <summary>
/// The topology of one group's pooled first-layer filters: how many went in (<see cref="Trainings"/> trainings,
/// <see cref="Filters"/> filters), survived the contrast cut and the density core, the <see cref="LandmarkCount"/>
/// landmarks' barcodes (<see cref="H0"/>, <see cref="H1"/>), and the <see cref="CircleCount"/>: H₁ bars with
/// persistence above <see cref="CirclePersistence"/>. An <b>estimate</b> of the topology of the filters' distribution
/// from a finite sample. <see cref="LandmarkFilters"/> are the landmarks (normalized, row-major, each
/// <see cref="FilterDimension"/> values) for the picture of the filters along the circle.
/// </summary>
public sealed record TopologyGroupEstimate(
    string GroupId,
    int D,
    string Projection,
    string Series,
    int Trainings,
    int Filters,
    int Contrasted,
    int Dense,
    int LandmarkCount,
    double CirclePersistence,
    int CircleCount,
    double? LongestH1Birth,
    double? LongestH1Death,
    IReadOnlyList<PersistenceInterval> H0,
    IReadOnlyList<PersistenceInterval> H1,
    int FilterDimension,
    float[] LandmarkFilters)
{
    /// <summary>The node whose estimator computed it (set by the estimator; not part of the numbers).</summary>
    public string? Node { get; init; }

    public double LongestH1Persistence => LongestH1Death is { } death && LongestH1Birth is { } birth ? death - birth : 0;

    public string Label => D < 0 ? "whole sweep" : Projection == "none" ? "full training" : $"d={D}";

    /// <summary>
    /// Pools <paramref name="filters"/> (each a training's row-major first-layer filters, <paramref name="dimension"/>
    /// values a filter) and runs <see cref="FilterTopology"/> with the spec's parameters. The landmark count is capped by
    /// the density core. Throws <see cref="ArgumentException"/> when too few filters have contrast.
    /// </summary>
    public static TopologyGroupEstimate Compute(TopologyGroup group, TopologySpec spec, IReadOnlyList<float[]> filters, int dimension)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var values = new double[filters.Sum(f => (long)f.Length)];
        var at = 0;
        foreach (var training in filters)
        {
            if (training.Length % dimension != 0)
            {
                throw new ArgumentException($"A training's filters hold {training.Length} values, not a multiple of {dimension}.", nameof(filters));
            }

            for (var i = 0; i < training.Length; i++)
            {
                values[at++] = training[i];
            }
        }

        var pooled = SampleMatrix.FromRowMajor(values, values.Length / dimension, dimension, "filters");
        var result = FilterTopology.Analyze(pooled, spec.ToOptions());
        var landmarks = new float[result.Landmarks.Count * dimension];
        for (var i = 0; i < result.Landmarks.Count; i++)
        {
            for (var j = 0; j < dimension; j++)
            {
                landmarks[i * dimension + j] = (float)result.Landmarks[i, j];
            }
        }

        return new TopologyGroupEstimate(
            group.GroupId, group.D, group.Projection, group.Series, filters.Count, result.Filters, result.Contrasted, result.Dense,
            result.Landmarks.Count, result.CirclePersistence, result.CircleCount, result.LongestH1?.Birth, result.LongestH1?.Death,
            result.Barcodes.H0, result.Barcodes.H1, dimension, landmarks);
    }
}
