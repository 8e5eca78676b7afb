using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sweep.Core.Specs;
using Sweep.Training.Models;

namespace Sweep.Training.Lora;

/// <summary>
/// Stores a <see cref="BaseCheckpoint"/> in one file:
/// <code>
/// "SWEEPCKP"  magic, 8 ASCII bytes
/// uint32      format version (1), little-endian
/// uint32      header length H
/// H bytes     header, UTF-8 JSON: model kind, widths, every block's name and shape, stage hash, parameter count D
/// 4·D bytes   θ0, float32 little-endian
/// 32 bytes    SHA-256 of everything before it
/// </code>
/// Saving is atomic: a temporary file in the same folder is written, flushed to disk and renamed over the target.
/// Loading checks each part and throws an <see cref="InvalidDataException"/> (a <see cref="FileNotFoundException"/>
/// when missing) whose message names the file.
/// </summary>
public static class CheckpointFile
{
    public const int Version = 1;

    private const int PrefixLength = 16;
    private const int HashLength = 32;
    private const int MaxHeaderLength = 1 << 20;
    private static readonly byte[] Magic = "SWEEPCKP"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Save(BaseCheckpoint checkpoint, string path)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(HeaderOf(checkpoint.Model, checkpoint.StageHash), Json);
        var payloadLength = checked(4L * checkpoint.Parameters.Length);
        var bytes = new byte[checked(PrefixLength + header.Length + payloadLength + HashLength)];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)header.Length);
        header.CopyTo(bytes, PrefixLength);
        var payload = bytes.AsSpan(PrefixLength + header.Length, (int)payloadLength);
        MemoryMarshal.AsBytes(checkpoint.Parameters.AsSpan()).CopyTo(payload);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(payload), MemoryMarshal.Cast<byte, int>(payload));
        }

        SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashLength), bytes.AsSpan(bytes.Length - HashLength));

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Reads and verifies a checkpoint; with <paramref name="expectedModel"/>, also that it holds that model.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, of another format, or holds another model.</exception>
    public static BaseCheckpoint Load(string path, ModelSpec? expectedModel = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Base checkpoint '{path}' does not exist; run the pretraining stage to make it.", path);
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < PrefixLength + HashLength)
        {
            throw Bad(path, $"is truncated: {bytes.Length} bytes, shorter than any checkpoint");
        }

        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Bad(path, "is not a Sweep base checkpoint (bad magic bytes)");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version != Version)
        {
            throw Bad(path, $"has format version {version}; this build reads version {Version}");
        }

        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        if (headerLength > MaxHeaderLength || PrefixLength + headerLength + HashLength > bytes.Length)
        {
            throw Bad(path, $"is truncated or corrupt: its header claims {headerLength} bytes of a {bytes.Length}-byte file");
        }

        var header = ParseHeader(path, bytes.AsSpan(PrefixLength, (int)headerLength));
        var expectedLength = PrefixLength + headerLength + 4L * header.ParameterCount + HashLength;
        if (bytes.Length != expectedLength)
        {
            throw Bad(path, bytes.Length < expectedLength
                ? $"is truncated: {bytes.Length} bytes, its header calls for {expectedLength}"
                : $"has {bytes.Length - expectedLength} bytes more than its header calls for");
        }

        var hash = SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashLength));
        if (!hash.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
        {
            throw Bad(path, "is corrupt: its SHA-256 checksum does not match its contents");
        }

        var model = ModelOf(path, header);
        if (expectedModel is not null && (expectedModel.Kind != model.Kind || !expectedModel.Widths.SequenceEqual(model.Widths)))
        {
            throw Bad(path, $"holds {model.Describe()}, but {expectedModel.Describe()} was expected");
        }

        var parameters = new float[header.ParameterCount];
        var payload = bytes.AsSpan(PrefixLength + (int)headerLength, 4 * parameters.Length);
        payload.CopyTo(MemoryMarshal.AsBytes(parameters.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(parameters.AsSpan()), MemoryMarshal.Cast<float, int>(parameters.AsSpan()));
        }

        return new BaseCheckpoint(model, parameters, header.StageHash);
    }

    private static Header HeaderOf(ModelSpec model, string stageHash) => new(
        model.Kind.ToString(),
        model.Widths.ToArray(),
        NetworkFactory.Create(model).Layout.Blocks.Select(b => new BlockHeader(b.Name, b.Shape)).ToArray(),
        stageHash,
        model.ParameterCount);

    private static Header ParseHeader(string path, ReadOnlySpan<byte> json)
    {
        try
        {
            var header = JsonSerializer.Deserialize<Header>(json, Json);
            if (header?.Model is null || header.Widths is null || header.Blocks is null || header.StageHash is null
                || header.Blocks.Any(b => b?.Name is null || b.Shape is null))
            {
                throw Bad(path, "has an incomplete header");
            }

            if (header.ParameterCount < 0 || header.ParameterCount > Array.MaxLength)
            {
                throw Bad(path, $"has a corrupt header (parameter count {header.ParameterCount})");
            }

            return header;
        }
        catch (JsonException e)
        {
            throw Bad(path, $"has a corrupt header ({e.Message})");
        }
    }

    /// <summary>The model the header names, after checking that its block shapes are that model's.</summary>
    private static ModelSpec ModelOf(string path, Header header)
    {
        ModelSpec model;
        try
        {
            model = new ModelSpec(Enum.Parse<ModelKind>(header.Model), header.Widths);
            var expected = HeaderOf(model, header.StageHash);
            var same = expected.ParameterCount == header.ParameterCount
                && expected.Blocks.Length == header.Blocks.Length
                && expected.Blocks.Zip(header.Blocks).All(p => p.First.Name == p.Second.Name && p.First.Shape.SequenceEqual(p.Second.Shape));
            if (same)
            {
                return model;
            }
        }
        catch (ArgumentException e)
        {
            throw Bad(path, $"names a model this build cannot make ({e.Message})");
        }

        var shapes = string.Join(", ", header.Blocks.Select(b => $"{b.Name} [{string.Join('x', b.Shape)}]"));
        throw Bad(path, $"has block shapes ({shapes}) that do not match {model.Describe()}");
    }

    private static InvalidDataException Bad(string path, string problem) => new($"Base checkpoint '{path}' {problem}.");

    private sealed record Header(string Model, int[] Widths, BlockHeader[] Blocks, string StageHash, long ParameterCount);

    private sealed record BlockHeader(string Name, long[] Shape);
}
