using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// The topology of a pool of learned filters (DESIGN.md 1.5, after Carlsson &amp; Brüel Gabrielsson, "Topological
/// approaches to deep learning"): mean-centre and normalize each filter and drop near-constant ones, keep the densest
/// fraction p by the distance to the K-th neighbour, subsample by max-min landmarks (the first is the densest
/// filter, so the result follows from the input alone), and compute the Vietoris–Rips barcodes in dimensions 0 and 1.
/// </summary>
public static class FilterTopology
{
    /// <summary>
    /// Runs the pipeline on <paramref name="filters"/>, one filter a row (k×k weights, flattened; several input
    /// channels concatenated). Throws <see cref="ArgumentException"/> when fewer than K + 1 filters have contrast.
    /// </summary>
    public static FilterTopologyResult Analyze(SampleMatrix filters, FilterTopologyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(filters);
        options ??= FilterTopologyOptions.Default;
        options.Validate();

        var (normalized, contrasted) = FilterNormalization.CentreAndNormalize(filters, options.MinContrast);
        if (normalized is null || normalized.Count <= options.K)
        {
            throw new ArgumentException(
                $"{contrasted.Length} of {filters.Count} filters have contrast ≥ {options.MinContrast}; the density core needs more than K = {options.K}.",
                nameof(filters));
        }

        var dense = KnnDensity.DensestFraction(normalized, options.K, options.KeepFraction);
        var core = Rows(normalized, dense);
        var landmarks = MaxMinLandmarks.Select(core, options.Landmarks, first: 0);
        var cloud = Rows(core, landmarks);
        var barcodes = VietorisRips.Compute(cloud);

        var loops = barcodes.H1;
        return new FilterTopologyResult(
            filters.Count,
            normalized.Count,
            core.Count,
            cloud,
            landmarks.Select(l => contrasted[dense[l]]).ToArray(),
            barcodes,
            options.CirclePersistence,
            loops.Count(b => b.Persistence > options.CirclePersistence),
            loops.Count == 0 ? null : loops.MaxBy(b => b.Persistence));
    }

    private static SampleMatrix Rows(SampleMatrix points, int[] rows)
    {
        var values = new double[rows.Length * points.Dimension];
        for (var r = 0; r < rows.Length; r++)
        {
            points.Row(rows[r]).CopyTo(values.AsSpan(r * points.Dimension));
        }

        return SampleMatrix.FromRowMajor(values, rows.Length, points.Dimension, "filters");
    }
}
