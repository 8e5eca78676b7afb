using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// The first step of the filter pipeline (DESIGN.md 1.5, after Carlsson &amp; Brüel Gabrielsson): each filter (a row,
/// its k×k weights flattened) loses its mean and is scaled to unit norm, so filters that differ only in brightness
/// offset and gain coincide and the cloud lies on a sphere. A filter is near-constant, and dropped, when what is left
/// after centring is below <c>minContrast</c> of its norm (‖f − mean(f)‖ &lt; minContrast · ‖f‖) or is zero.
/// </summary>
public static class FilterNormalization
{
    /// <summary>The default <c>minContrast</c>: a filter that varies by less than 5% of its size is taken as constant.</summary>
    public const double DefaultMinContrast = 0.05;

    /// <summary>The normalized filters and, for each, the row it came from; null when every filter was dropped.</summary>
    public static (SampleMatrix? Filters, int[] Kept) CentreAndNormalize(SampleMatrix filters, double minContrast = DefaultMinContrast)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentOutOfRangeException.ThrowIfNegative(minContrast);
        var dimension = filters.Dimension;
        var values = new List<double>(filters.Count * dimension);
        var kept = new List<int>();
        var centred = new double[dimension];
        for (var i = 0; i < filters.Count; i++)
        {
            var row = filters.Row(i);
            var mean = 0.0;
            var norm = 0.0;
            foreach (var v in row)
            {
                mean += v;
                norm += v * v;
            }

            mean /= dimension;
            var contrast = 0.0;
            for (var c = 0; c < dimension; c++)
            {
                centred[c] = row[c] - mean;
                contrast += centred[c] * centred[c];
            }

            (norm, contrast) = (Math.Sqrt(norm), Math.Sqrt(contrast));
            if (contrast == 0 || contrast < minContrast * norm)
            {
                continue;
            }

            kept.Add(i);
            foreach (var v in centred)
            {
                values.Add(v / contrast);
            }
        }

        return kept.Count == 0 ? (null, []) : (SampleMatrix.FromRowMajor(values.ToArray(), kept.Count, dimension, "filters"), kept.ToArray());
    }
}
