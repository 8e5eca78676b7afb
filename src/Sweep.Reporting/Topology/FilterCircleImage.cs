namespace Sweep.Reporting.Topology;

/// <summary>
/// The picture of a group's filters ordered along the circle: every landmark filter (normalized, k×k; with several
/// channels, their sum) drawn as a grey tile, in order of the angle of its dominant edge, row after row. The angle is
/// that of the filter's intensity gradient, the first moment (Σ w·x, Σ w·y) about the kernel's centre, so a filter
/// that brightens to the right has angle 0 and one that brightens upwards π/2. Along the primary circle, the edges then
/// turn once round as the angle goes from 0 to 2π. Black is the filter's most negative weight, white its most
/// positive, mid-grey zero.
/// </summary>
public static class FilterCircleImage
{
    private const int TileSide = 30;
    private const int Gap = 4;
    private const int PerRow = 20;

    /// <summary>The angle in [0, 2π) of the dominant edge of a k×k filter (row-major, row 0 at the top).</summary>
    public static double EdgeAngle(ReadOnlySpan<float> filter, int kernel)
    {
        var (gx, gy, centre) = (0.0, 0.0, (kernel - 1) / 2.0);
        for (var i = 0; i < kernel; i++)
        {
            for (var j = 0; j < kernel; j++)
            {
                gx += filter[i * kernel + j] * (j - centre);
                gy += filter[i * kernel + j] * (centre - i);
            }
        }

        var angle = Math.Atan2(gy, gx);
        return angle < 0 ? angle + 2 * Math.PI : angle;
    }

    /// <summary>The filters' order along the circle: indices sorted by <see cref="EdgeAngle"/>.</summary>
    public static int[] Order(float[] filters, int dimension, int kernel)
    {
        var count = filters.Length / dimension;
        return [.. Enumerable.Range(0, count).OrderBy(i => EdgeAngle(Collapse(filters, i, dimension, kernel), kernel)).ThenBy(i => i)];
    }

    /// <summary>Writes the PNG; <paramref name="dimension"/> is channels·k·k.</summary>
    public static void Write(string path, float[] filters, int dimension, int kernel)
    {
        var order = Order(filters, dimension, kernel);
        var rows = Math.Max(1, (order.Length + PerRow - 1) / PerRow);
        var columns = Math.Max(1, Math.Min(PerRow, order.Length));
        var (width, height) = (Gap + columns * (TileSide + Gap), Gap + rows * (TileSide + Gap));
        var rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)255);
        var cell = TileSide / kernel;
        for (var n = 0; n < order.Length; n++)
        {
            var tile = Collapse(filters, order[n], dimension, kernel);
            var scale = tile.Max(Math.Abs) is var m and > 0 ? m : 1;
            var (left, top) = (Gap + n % PerRow * (TileSide + Gap), Gap + n / PerRow * (TileSide + Gap));
            for (var y = 0; y < kernel * cell; y++)
            {
                for (var x = 0; x < kernel * cell; x++)
                {
                    var grey = (byte)Math.Clamp(127.5 + 127.5 * tile[y / cell * kernel + x / cell] / scale, 0, 255);
                    var at = ((top + y) * width + left + x) * 3;
                    rgb[at] = rgb[at + 1] = rgb[at + 2] = grey;
                }
            }
        }

        RgbPng.Write(path, width, height, rgb);
    }

    /// <summary>Filter <paramref name="index"/>'s channels summed into one k×k kernel.</summary>
    private static float[] Collapse(float[] filters, int index, int dimension, int kernel)
    {
        var area = kernel * kernel;
        var tile = new float[area];
        for (var c = 0; c < dimension / area; c++)
        {
            for (var i = 0; i < area; i++)
            {
                tile[i] += filters[index * dimension + c * area + i];
            }
        }

        return tile;
    }
}
