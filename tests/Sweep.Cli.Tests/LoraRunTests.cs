using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>A LoRA rank sweep from the command line: one command runs it, a broken LoRA spec exits 2 naming its field.</summary>
public sealed class LoraRunTests : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("lora");

    [Fact]
    public async Task Run_trains_the_rank_sweep_and_prints_curves_against_r_per_mode()
    {
        var spec = TestSpecs.Write(_folder, "lora.yaml", TestSpecs.Lora);

        var (code, output) = await SweepProcess.RunAsync(_folder, "run", spec, "--store", "sqlite:journal.db", "--slots", "2");

        Assert.True(code == 0, output);
        Assert.Contains("mode", output);
        Assert.Contains("B-only", output);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "results", "artifacts"), "base-*.ckpt"));
        var trials = Directory.GetFiles(Path.Combine(_folder, "results"), "trials.csv", SearchOption.AllDirectories);
        Assert.Equal(1 + 6, File.ReadAllLines(Assert.Single(trials)).Length); // a header and 2 ranks × 3 modes
    }

    [Fact]
    public async Task Unknown_mode_exits_2_naming_line_and_field()
    {
        var spec = TestSpecs.Write(_folder, "broken.yaml", TestSpecs.Lora.With("mode: [B-only, A-only, both]", "mode: [C-only, A-only, both]"));

        var (code, output) = await SweepProcess.RunAsync(_folder, "validate", spec);

        Assert.Equal(2, code);
        Assert.Contains("broken.yaml:34:", output);
        Assert.Contains("grid.mode[0]", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
