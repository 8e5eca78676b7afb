using Sweep.Core.Specs;
using Sweep.Training.Lora;
using Sweep.Training.Models;
using TorchSharp;

namespace Sweep.Training.Tests.Lora;

public sealed class CheckpointFileTests : TorchTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Saved(string name = "base.ckpt")
    {
        var path = Path.Combine(_folder, name);
        CheckpointFile.Save(LoraTestSetup.Base.Checkpoint, path);
        return path;
    }

    [Fact]
    public void Round_trip_gives_identical_weights_and_network_outputs()
    {
        var original = LoraTestSetup.Base.Checkpoint;
        var path = Saved();

        var loaded = CheckpointFile.Load(path, LoraTestSetup.Model);

        Assert.Equal(original.Parameters, loaded.Parameters);
        Assert.Equal(original.StageHash, loaded.StageHash);
        Assert.Equal(original.Model.Widths, loaded.Model.Widths);
        Assert.Equal([path], Directory.GetFiles(_folder));
        var network = NetworkFactory.Create(loaded.Model);
        using var x = torch.randn(5, 20, generator: new torch.Generator(9));
        using var before = network.Forward(torch.tensor(original.Parameters), x);
        using var after = network.Forward(torch.tensor(loaded.Parameters), x);
        Assert.Equal(before.data<float>().ToArray(), after.data<float>().ToArray());
    }

    [Fact]
    public void Saving_again_replaces_the_file_atomically()
    {
        var path = Saved();
        CheckpointFile.Save(LoraTestSetup.Base.Checkpoint with { }, path);

        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.Equal(LoraTestSetup.Base.Checkpoint.Parameters, CheckpointFile.Load(path).Parameters);
    }

    [Fact]
    public void A_flipped_payload_byte_fails_the_checksum_naming_the_file()
    {
        var path = Saved();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(4000)]
    public void A_truncated_file_is_reported_naming_the_file(int missingBytes)
    {
        var path = Saved();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^missingBytes]);

        var error = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_naming_the_file()
    {
        var path = Path.Combine(_folder, "nowhere.ckpt");

        var error = Assert.Throws<FileNotFoundException>(() => CheckpointFile.Load(path));

        Assert.Contains($"'{path}'", error.Message);
    }

    [Fact]
    public void Another_format_is_reported_naming_the_file()
    {
        var path = Path.Combine(_folder, "other.ckpt");
        File.WriteAllBytes(path, new byte[200]);

        var error = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void A_checkpoint_of_another_model_is_refused()
    {
        var path = Saved();

        var error = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path, new ModelSpec(ModelKind.Mlp, [20, 64, 8])));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("mlp 20-32-32-8", error.Message);
        Assert.Contains("mlp 20-64-8", error.Message);
    }

    [Fact]
    public void Block_shapes_that_do_not_match_the_model_are_refused()
    {
        var path = Saved();
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        // Swap the declared shape of the first weight block; the checksum is rewritten so only the shapes are wrong.
        var tampered = System.Text.Encoding.Latin1.GetBytes(text.Replace("\"shape\":[32,20]", "\"shape\":[20,32]"));
        Assert.NotEqual(bytes, tampered);
        System.Security.Cryptography.SHA256.HashData(tampered.AsSpan(0, tampered.Length - 32), tampered.AsSpan(tampered.Length - 32));
        File.WriteAllBytes(path, tampered);

        var error = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("do not match mlp 20-32-32-8", error.Message);
    }
}
