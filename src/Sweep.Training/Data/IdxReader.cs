using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Training.Data;

/// <summary>An unsigned-byte IDX array: its dimensions (outermost first) and its row-major data.</summary>
public sealed record IdxArray(int[] Dimensions, byte[] Data);

/// <summary>
/// Reads IDX files of unsigned bytes (the MNIST format: <c>idx3</c> images, <c>idx1</c> labels), plain or gzipped;
/// gzip is recognised by its magic bytes, not by the file name. Bad files raise an <see cref="InvalidDataException"/>
/// that names the file.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an idx3 file of <c>count × rows × columns</c> pixels.</summary>
    public static IdxArray ReadImages(string path) => Read(path, expectedDimensions: 3);

    /// <summary>Reads an idx1 file of labels.</summary>
    public static IdxArray ReadLabels(string path) => Read(path, expectedDimensions: 1);

    /// <summary>Reads an unsigned-byte IDX file with any number of dimensions, or exactly <paramref name="expectedDimensions"/>.</summary>
    public static IdxArray Read(string path, int? expectedDimensions = null)
    {
        using var file = File.OpenRead(path);
        using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        try
        {
            return ReadArray(stream, path, expectedDimensions);
        }
        catch (InvalidDataException e) when (!e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"IDX file '{path}' is corrupt: {e.Message}", e);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static IdxArray ReadArray(Stream stream, string path, int? expectedDimensions)
    {
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path, "header");
        if (header[0] != 0 || header[1] != 0 || header[2] != UnsignedByteType || header[3] == 0)
        {
            throw new InvalidDataException(
                $"IDX file '{path}' has a bad magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(header):X8} " +
                $"(expected 0x000008NN: unsigned bytes, NN dimensions).");
        }

        int dimensionCount = header[3];
        if (expectedDimensions is { } expected && dimensionCount != expected)
        {
            throw new InvalidDataException($"IDX file '{path}' has {dimensionCount} dimensions, expected {expected}.");
        }

        var sizes = new byte[4 * dimensionCount];
        ReadExactly(stream, sizes, path, "dimension sizes");
        var dimensions = new int[dimensionCount];
        long total = 1;
        for (var i = 0; i < dimensionCount; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(sizes.AsSpan(4 * i));
            total *= dimensions[i];
            if (dimensions[i] < 0 || total > Array.MaxLength)
            {
                throw new InvalidDataException($"IDX file '{path}' declares an impossible size {string.Join('x', dimensions[..(i + 1)])}.");
            }
        }

        var data = new byte[total];
        ReadExactly(stream, data, path, "data");
        return new IdxArray(dimensions, data);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string part)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException(
                $"IDX file '{path}' is truncated: its {part} needs {buffer.Length} bytes, only {read} remain.");
        }
    }
}
