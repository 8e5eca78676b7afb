using System.Text.Json;
using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>Files and grids of any size are refused (or summarized) by reading and counting, never by expanding them whole.</summary>
public sealed class LargeInputTests : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("large");

    [Fact]
    public async Task A_device_or_a_huge_file_as_spec_is_refused_naming_it()
    {
        var huge = Path.Combine(_folder, "huge.yaml");
        using (var file = File.Create(huge))
        {
            file.SetLength(3L << 30); // 3 GB, sparse: nothing on disk
        }

        foreach (var (path, phrase) in new[] { ("/dev/zero", "is larger than 1024 KiB"), (huge, "is larger than 1024 KiB") })
        {
            foreach (var command in new[] { "validate", "plan", "run" })
            {
                var (code, output) = await SweepProcess.RunAsync(_folder, command, path);

                Assert.True(code == 2, $"{command} {path}: exit {code}\n{output}");
                Assert.Contains($"{path}: (file): {phrase}", output);
            }
        }

        Assert.False(File.Exists(Path.Combine(_folder, "sweep-journal.db")));
    }

    [Fact]
    public async Task A_grid_beyond_the_limit_is_refused_by_counting_it()
    {
        var spec = TestSpecs.Write(_folder, "big.yaml", TestSpecs.Quick
            .Replace("seeds: 2", "seeds: 1000000", StringComparison.Ordinal)
            .Replace("d: [4]", "d: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100]", StringComparison.Ordinal));

        foreach (var command in new[] { "validate", "plan", "run" })
        {
            var (code, output) = await SweepProcess.RunAsync(_folder, command, spec);

            Assert.True(code == 2, $"{command}: exit {code}\n{output}");
            Assert.Contains("grid: holds 100,000,000 trials (d × seeds = 100 × 1000000); one sweep may hold at most 100,000", output);
        }
    }

    [Fact]
    public async Task Plan_summarizes_a_large_grid_unless_asked_for_all()
    {
        var spec = TestSpecs.Write(_folder, "wide.yaml", TestSpecs.Quick.Replace("seeds: 2", "seeds: 300", StringComparison.Ordinal));

        var summary = await SweepProcess.RunAsync(_folder, "plan", spec);
        var all = await SweepProcess.RunAsync(_folder, "plan", spec, "--all");
        var json = JsonDocument.Parse((await SweepProcess.RunAsync(_folder, "plan", spec, "--json")).Output).RootElement;

        Assert.True(summary.ExitCode == 0, summary.Output);
        Assert.Contains("300 trials", summary.Output);
        Assert.Contains("… and 280 more trials (300 in all); 'sweep plan --all' lists every one.", summary.Output);
        Assert.True(all.ExitCode == 0, all.Output);
        Assert.DoesNotContain("more trials", all.Output);
        Assert.True(all.Output.Split('\n').Length > 300, all.Output);
        Assert.Equal((300, 20, 20), (json.GetProperty("total_trials").GetInt32(), json.GetProperty("listed_trials").GetInt32(), json.GetProperty("trials").GetArrayLength()));
    }

    [Fact]
    public async Task Plan_json_gives_ids_as_strings_lora_axes_by_name_and_seeds_as_strings()
    {
        var spec = TestSpecs.Write(_folder, "lora.yaml", TestSpecs.Lora);

        var (code, output) = await SweepProcess.RunAsync(_folder, "plan", spec, "--json");

        Assert.True(code == 0, output);
        var plan = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.String, plan.GetProperty("sweep_id").ValueKind);
        var trials = plan.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(6, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.False(t.TryGetProperty("d", out _), "a LoRA trial has no d; p is trainable_parameters");
            Assert.Equal(6, t.GetProperty("bits").GetInt32());
            Assert.True(t.GetProperty("trainable_parameters").GetInt64() > 0);
            foreach (var seed in t.GetProperty("seeds").EnumerateObject())
            {
                Assert.Equal(JsonValueKind.String, seed.Value.ValueKind);
                Assert.True(long.TryParse(seed.Value.GetString(), out _), seed.Value.GetString());
            }
        });
        Assert.Equal(["1 A-only", "1 B-only", "1 both", "4 A-only", "4 B-only", "4 both"], trials.Select(t => $"{t.GetProperty("rank").GetInt32()} {t.GetProperty("mode").GetString()}").Order(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
