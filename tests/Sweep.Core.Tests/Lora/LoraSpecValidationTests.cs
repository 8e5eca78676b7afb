using Sweep.Core.Lora;
using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Lora;

public sealed class LoraSpecValidationTests
{
    [Fact]
    public void Valid_lora_spec_reads_the_stage_the_adapters_and_the_rank_axes()
    {
        var spec = SpecReader.Read(LoraSpecSamples.Valid, "lora.yaml");

        Assert.True(spec.IsLora);
        Assert.Equal([0, 1, 2], spec.Pretrain!.Classes);
        Assert.Equal(400, spec.Pretrain.Dataset.TrainSize);
        Assert.Equal(11, spec.Pretrain.Seed);
        Assert.Equal(0.01, spec.Pretrain.Training.LearningRate);
        Assert.Equal([3, 4, 5], spec.Lora!.Classes);
        Assert.Equal(4, spec.Lora.Bits);
        Assert.Null(spec.Lora.Alpha);
        Assert.Equal(16, spec.Quantization.Levels); // 2^q
        Assert.Equal([1, 2], spec.Grid.Ranks);
        Assert.Equal([LoraMode.BOnly, LoraMode.AOnly, LoraMode.Both], spec.Grid.Modes);
        Assert.Empty(spec.Grid.Dimensions);
    }

    [Fact]
    public void Mode_axis_defaults_to_all_three_modes()
    {
        var spec = SpecReader.Read(LoraSpecSamples.With("  mode: [B-only, A-only, both]\n", ""), "lora.yaml");

        Assert.Equal(LoraModes.All, spec.Grid.Modes);
    }

    [Theory]
    // field, the line it must name, the piece replaced, its replacement
    [InlineData("grid.rank[0]", 31, "  rank: [1, 2]", "  rank: [0, 2]")]
    [InlineData("grid.rank", 31, "  rank: [1, 2]\n", "")]
    [InlineData("grid.rank[1]", 31, "  rank: [1, 2]", "  rank: [1, 7]")] // the 16→6 head has rank at most 6
    [InlineData("grid.mode[1]", 32, "  mode: [B-only, A-only, both]", "  mode: [B-only, C-only, both]")]
    [InlineData("grid.mode", 32, "  mode: [B-only, A-only, both]", "  mode: [B-only, B-only]")]
    [InlineData("pretrain", 13, "pretrain:\n  classes: [0, 1, 2]\n  train_size: 400\n  seed: 11\n  training:\n    optimizer: adam\n    learning_rate: 0.01\n    epochs: 2\n    batch_size: 50\n", "")]
    [InlineData("lora.classes", 22, "  classes: [3, 4, 5]", "  classes: [2, 3, 4]")]
    [InlineData("lora.classes[2]", 22, "  classes: [3, 4, 5]", "  classes: [3, 4, 6]")]
    [InlineData("pretrain.classes[0]", 13, "  classes: [0, 1, 2]", "  classes: [-1, 1, 2]")]
    [InlineData("lora.classes", 22, "  classes: [3, 4, 5]", "  classes: [3, 4, 4]")]
    [InlineData("lora.bits", 23, "  bits: 4", "  bits: 0")]
    [InlineData("lora.bits", 23, "  bits: 4", "  bits: 17")]
    [InlineData("lora.range", 24, "  range: 1.0", "  range: -1")]
    [InlineData("lora.alpha", 25, "  range: 1.0", "  range: 1.0\n  alpha: zero")]
    [InlineData("lora.layers[0]", 25, "  range: 1.0", "  range: 1.0\n  layers: [2]")]
    [InlineData("grid.d", 31, "  rank: [1, 2]", "  d: [5, 10]\n  rank: [1, 2]")]
    [InlineData("quantization", 2, "name: lora-demo", "quantization:\n  levels: 16\nname: lora-demo")]
    [InlineData("projection", 2, "name: lora-demo", "projection:\n  kind: dense\nname: lora-demo")]
    [InlineData("grid.levels", 34, "  seeds: 1", "  seeds: 1\n  levels: [4, 16]")]
    [InlineData("pretrain.train_size", 14, "  train_size: 400", "  train_size: 700")]
    [InlineData("pretrain.training.learning_rate", 18, "    learning_rate: 0.01", "    learning_rate: slow")]
    [InlineData("dataset.train_size", 8, "  train_size: 300", "  train_size: 700")]
    public void Broken_lora_spec_names_line_and_field(string field, int line, string original, string broken)
    {
        var yaml = LoraSpecSamples.With(original, broken);

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "broken.yaml"));

        var error = Assert.Single(e.Errors, x => x.Field == field);
        Assert.Equal("broken.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 0);
        Assert.StartsWith($"broken.yaml:{line}:{error.Column}:", error.ToString());
    }

    [Fact]
    public void Lora_without_pretrain_names_the_missing_stage()
    {
        var yaml = LoraSpecSamples.With(
            "pretrain:\n  classes: [0, 1, 2]\n  train_size: 400\n  seed: 11\n  training:\n    optimizer: adam\n    learning_rate: 0.01\n    epochs: 2\n    batch_size: 50\n",
            "");

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "broken.yaml"));

        var error = Assert.Single(e.Errors, x => x.Field == "pretrain");
        Assert.Contains("required by lora", error.Message);
    }

    [Fact]
    public void Overlapping_classes_are_named()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(LoraSpecSamples.With("  classes: [3, 4, 5]", "  classes: [1, 2, 3]"), "broken.yaml"));

        Assert.Contains("{1, 2}", Assert.Single(e.Errors, x => x.Field == "lora.classes").Message);
    }

    [Fact]
    public void Rank_and_mode_axes_are_refused_in_a_subspace_spec()
    {
        var yaml = Specs.SpecSamples.With("  seeds: 2", "  seeds: 2\n  rank: [1, 2]");

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "broken.yaml"));

        Assert.Contains("LoRA", Assert.Single(e.Errors, x => x.Field == "grid.rank").Message);
    }

    [Fact]
    public void Pretrain_without_lora_is_refused()
    {
        var yaml = Specs.SpecSamples.With("name: demo", "name: demo\npretrain:\n  classes: [0, 1]\n  train_size: 10");

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "broken.yaml"));

        Assert.Equal(3, Assert.Single(e.Errors, x => x.Field == "pretrain").Line);
    }
}
