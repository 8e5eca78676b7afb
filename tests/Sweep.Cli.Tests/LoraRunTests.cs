using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>A LoRA rank sweep from the command line: one command runs it, a broken LoRA spec exits 2 naming its field.</summary>
public sealed class LoraRunTests : IDisposable
{
    internal const string Lora = """
        name: cli-lora
        seed: 5
        dataset:
          name: synthetic
          features: 8
          classes: 4
          separation: 4.0
          pool_size: 800
          train_size: 200
          test_size: 100
        model:
          kind: mlp
          widths: [8, 12, 4]
        pretrain:
          classes: [0, 1]
          train_size: 200
          training:
            learning_rate: 0.01
            epochs: 2
            batch_size: 50
        lora:
          classes: [2, 3]
          bits: 6
          range: 2.0
        training:
          learning_rate: 0.03
          epochs: 2
          batch_size: 50
        grid:
          rank: [1, 2]
          mode: [B-only, both]
          seeds: 1
        """;

    private readonly string _folder = TestSpecs.Folder("lora");

    [Fact]
    public async Task Run_trains_the_rank_sweep_and_prints_curves_against_r_per_mode()
    {
        var spec = TestSpecs.Write(_folder, "lora.yaml", Lora);

        var (code, output) = await SweepProcess.RunAsync(_folder, "run", spec, "--store", "sqlite:journal.db", "--slots", "2");

        Assert.True(code == 0, output);
        Assert.Contains("mode", output);
        Assert.Contains("B-only", output);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "results", "artifacts"), "base-*.ckpt"));
        var trials = Directory.GetFiles(Path.Combine(_folder, "results"), "trials.csv", SearchOption.AllDirectories);
        Assert.Equal(5, File.ReadAllLines(Assert.Single(trials)).Length);
    }

    [Fact]
    public async Task Unknown_mode_exits_2_naming_line_and_field()
    {
        var spec = TestSpecs.Write(_folder, "broken.yaml", Lora.Replace("mode: [B-only, both]", "mode: [C-only, both]"));

        var (code, output) = await SweepProcess.RunAsync(_folder, "validate", spec);

        Assert.Equal(2, code);
        Assert.Contains("broken.yaml:31:", output);
        Assert.Contains("grid.mode[0]", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
