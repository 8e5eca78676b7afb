using Sweep.Reporting.Topology;

namespace Sweep.Reporting.Tests;

public sealed class FilterCircleImageTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(Math.PI / 2)]
    [InlineData(Math.PI)]
    [InlineData(4.0)]
    public void A_linear_ramp_has_the_angle_it_rises_along(double angle)
    {
        var filter = Ramp(angle);

        Assert.Equal(angle, FilterCircleImage.EdgeAngle(filter, 3), 6);
    }

    [Fact]
    public void Filters_are_ordered_by_the_angle_of_their_edge()
    {
        float[] filters = [.. Ramp(3.0), .. Ramp(0.5), .. Ramp(5.5), .. Ramp(1.5)];

        Assert.Equal([1, 3, 0, 2], FilterCircleImage.Order(filters, 9, 3));
    }

    [Fact]
    public void The_picture_is_a_png_of_one_tile_per_filter()
    {
        var path = Path.Combine(Path.GetTempPath(), $"filters-{Guid.NewGuid():N}.png");
        try
        {
            float[] filters = [.. Enumerable.Range(0, 25).SelectMany(i => Ramp(i * 0.25))];

            FilterCircleImage.Write(path, filters, 9, 3);

            var bytes = File.ReadAllBytes(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
            // IHDR: 20 tiles of 30 px and 21 gaps of 4 px across; 2 rows of tiles.
            Assert.Equal(4 + 20 * 34, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(4 + 2 * 34, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A 3×3 filter rising along the direction at <paramref name="angle"/> (0: to the right, π/2: upwards; row 0 on top).</summary>
    private static float[] Ramp(double angle) =>
        [.. Enumerable.Range(0, 9).Select(i => (float)(Math.Cos(angle) * (i % 3 - 1) + Math.Sin(angle) * (1 - i / 3)))];
}
