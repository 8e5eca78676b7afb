using System.Text.Json;
using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>The commands a researcher runs first, as processes: bad specs exit 2 naming line and field, and write nothing.</summary>
public sealed class ValidateAndPlanTests : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("validate");

    [Theory]
    [InlineData("learning_rate: 0.05", "learning_rate: fast", "training.learning_rate", 21)]
    [InlineData("d: [4]", "d: [4, 9999]", "grid.d[1]", 25)]
    [InlineData("levels: 16", "levels: -2", "quantization.levels", 17)]
    [InlineData("name: synthetic", "name: imagenet", "dataset.name", 4)]
    [InlineData("widths: [8, 16, 3]", "widths: [8, 16, 3", "(yaml syntax)", 13)]
    public async Task A_broken_spec_names_line_and_field_exits_2_and_writes_nothing(string line, string broken, string field, int lineNumber)
    {
        var spec = TestSpecs.Write(_folder, "broken.yaml", TestSpecs.Quick.Replace(line, broken));

        var validate = await SweepProcess.RunAsync(_folder, "validate", spec);
        var run = await SweepProcess.RunAsync(_folder, "run", spec, "--store", "sqlite:journal.db");

        Assert.Equal(2, validate.ExitCode);
        Assert.Contains($"broken.yaml:{lineNumber}:", validate.Output);
        Assert.Contains(field, validate.Output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(field, run.Output);
        Assert.Equal(["broken.yaml"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Plan_json_lists_every_trial_with_its_bound()
    {
        var spec = TestSpecs.Write(_folder, "quick.yaml", TestSpecs.Quick.Replace("seeds: 2", "seeds: 3"));

        var (code, output) = await SweepProcess.RunAsync(_folder, "plan", spec, "--json");

        Assert.Equal(0, code);
        using var plan = JsonDocument.Parse(output);
        var trials = plan.RootElement.GetProperty("trials");
        Assert.Equal(3, trials.GetArrayLength());
        Assert.Equal(3, trials.EnumerateArray().Select(t => t.GetProperty("trial_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_missing_fashion_mnist_folder_is_named_by_validate_and_before_an_embedded_run_starts()
    {
        var yaml = TestSpecs.Quick.Replace("  name: synthetic\n  features: 8\n  classes: 3\n  separation: 4.0\n  pool_size: 600\n", "  name: fashion-mnist\n  path: /nonexistent/fashion\n")
            .Replace("widths: [8, 16, 3]", "widths: [784, 16, 10]");
        var spec = TestSpecs.Write(_folder, "fm.yaml", yaml);

        var validate = await SweepProcess.RunAsync(_folder, "validate", spec);
        var (code, output) = await SweepProcess.RunAsync(_folder, "run", spec, "--store", "sqlite:journal.db");

        Assert.True(validate.ExitCode == 2, validate.Output);
        Assert.Contains("fm.yaml:5:", validate.Output);
        Assert.Contains("dataset.path", validate.Output);
        Assert.True(code == 2, output);
        Assert.Contains("dataset.path", output);
        Assert.Contains("/nonexistent/fashion", output);
        Assert.Equal(["fm.yaml"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
