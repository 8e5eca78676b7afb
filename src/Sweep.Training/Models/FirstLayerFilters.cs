using Sweep.Core.Estimators;

namespace Sweep.Training.Models;

/// <summary>
/// The filters of a network's first convolution, read out of a parameter vector θ: the first block of the layout
/// with a 4-d shape [out, in, k, k] gives <c>out</c> rows of <c>in·k·k</c> values (each filter's channels in order,
/// each channel row-major), the points of the filter pipeline (<see cref="Sweep.Core.Topology.FilterTopology"/>).
/// </summary>
public static class FirstLayerFilters
{
    /// <summary>The first convolution's filters, one a row; throws when the network has no convolution.</summary>
    public static SampleMatrix Extract(ParameterLayout layout, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (theta.Length != layout.ParameterCount)
        {
            throw new ArgumentException($"θ has {theta.Length} values, the network {layout.ParameterCount}.", nameof(theta));
        }

        var offset = 0L;
        foreach (var block in layout.Blocks)
        {
            if (block.Shape.Length == 4)
            {
                var count = (int)block.Shape[0];
                var dimension = (int)(block.Count / count);
                var values = new double[block.Count];
                var source = theta.Slice((int)offset, (int)block.Count);
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = source[i];
                }

                return SampleMatrix.FromRowMajor(values, count, dimension, block.Name);
            }

            offset += block.Count;
        }

        throw new ArgumentException("The network has no convolution, so no filters.", nameof(layout));
    }

    /// <summary>The filters row-major as float32, as a trial's metrics carry them.</summary>
    public static float[] ToFloats(this SampleMatrix filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var values = new float[filters.Count * filters.Dimension];
        for (var i = 0; i < filters.Count; i++)
        {
            for (var j = 0; j < filters.Dimension; j++)
            {
                values[i * filters.Dimension + j] = (float)filters[i, j];
            }
        }

        return values;
    }
}
