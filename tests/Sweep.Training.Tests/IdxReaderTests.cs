using System.IO.Compression;
using Sweep.Training.Data;

namespace Sweep.Training.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static byte[] Idx(int[] dimensions, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, 0x08, (byte)dimensions.Length };
        foreach (var size in dimensions)
        {
            bytes.AddRange([(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size]);
        }

        bytes.AddRange(data);
        return [.. bytes];
    }

    internal static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }

    [Fact]
    public void Reads_plain_images_with_their_dimensions_and_bytes()
    {
        var pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();
        var path = Path.Combine(_folder, "images-idx3-ubyte");
        File.WriteAllBytes(path, Idx([2, 3, 4], pixels));

        var images = IdxReader.ReadImages(path);

        Assert.Equal([2, 3, 4], images.Dimensions);
        Assert.Equal(pixels, images.Data);
    }

    [Fact]
    public void Reads_gzipped_labels_by_magic_bytes_whatever_the_name()
    {
        byte[] labels = [3, 1, 4, 1, 5];
        var path = Path.Combine(_folder, "labels-no-gz-suffix");
        WriteGzip(path, Idx([5], labels));

        var read = IdxReader.ReadLabels(path);

        Assert.Equal([5], read.Dimensions);
        Assert.Equal(labels, read.Data);
    }

    [Fact]
    public void Truncated_file_is_rejected_naming_the_file()
    {
        var path = Path.Combine(_folder, "short-idx3-ubyte.gz");
        var full = Idx([2, 3, 4], new byte[24]);
        WriteGzip(path, full[..^5]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Bad_magic_is_rejected_naming_the_file()
    {
        var path = Path.Combine(_folder, "not-idx");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Wrong_number_of_dimensions_is_rejected()
    {
        var path = Path.Combine(_folder, "labels-idx1-ubyte");
        File.WriteAllBytes(path, Idx([3], [0, 1, 2]));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains("1 dimensions, expected 3", error.Message);
    }
}
