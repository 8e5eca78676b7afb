using System.Text.RegularExpressions;
using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>
/// The 100,000-trial sweep of scripts/bench-large-sweep, scaled down for CI: a `simulate` sweep embedded with SQLite
/// is SIGKILLed part-way and resumed; every trial is completed exactly once in the journal (snapshots are off, so
/// the journal keeps every event), the interrupted ones are re-run with their attempt counted, and trials.csv has a
/// row per trial. The trials take 10 ms on 4 slots, so the sweep cannot end within a second of the progress line
/// that triggers the kill (at most 400 trials a second of 3,000), however fast or loaded the machine.
/// </summary>
[Collection("kill and resume")]
public sealed partial class LargeSweepTests : IDisposable
{
    private const int Total = 3000;
    private const int Slots = 4;

    private readonly string _folder = TestSpecs.Folder("large");

    [Fact]
    public async Task A_simulate_sweep_killed_part_way_resumes_with_every_trial_completed_exactly_once()
    {
        var spec = TestSpecs.Write(_folder, "large.yaml", $$"""
            name: large
            seed: 1
            dataset: { name: synthetic, features: 4, classes: 2, pool_size: 100, train_size: 50, test_size: 50 }
            model: { kind: mlp, widths: [4, 4, 2] }
            projection: { kind: orthonormal }
            quantization: { levels: 16, range: 1.0 }
            training: { optimizer: adam, learning_rate: 0.01, epochs: 1, batch_size: 10 }
            grid: { d: [4], seeds: {{Total}} }
            """);
        var store = "sqlite:" + Path.Combine(_folder, "journal.db");
        string[] common = ["--simulate", "10", "--slots", Slots.ToString(), "--store", store, "--snapshot-every", "1000000000"];

        string sweepId;
        using (var run = SweepProcess.Start(_folder, ["run", spec, .. common]))
        {
            Assert.True(await run.KillWhenAsync(l => Done(l) >= Total / 5, TimeSpan.FromMinutes(4)), run.Output);
            sweepId = KillAndResume.SweepIdIn(run.Output);
        }

        var atKill = JournalReader.Events(store, sweepId).TrialIds("trial-completed").Count();
        Assert.InRange(atKill, Total / 5, Total - 1); // the kill landed part-way

        var (code, output) = await SweepProcess.RunAsync(_folder, ["resume", Path.Combine(_folder, "results", sweepId), .. common]);
        Assert.True(code == 0, output);
        Assert.Contains($"{atKill} already done", output);

        var events = JournalReader.Events(store, sweepId);
        var completed = events.TrialIds("trial-completed").ToList();
        Assert.Equal(Total, completed.Count);
        Assert.Equal(Total, completed.Distinct().Count());
        // Only the trials running at the kill ran again, each as attempt 2: at most two per slot, since a slot whose
        // trials take under half a second holds one more in hand, started and durable, beside the one it runs.
        var requeued = events.TrialIds("trial-requeued").ToList();
        Assert.InRange(requeued.Count, 0, 2 * Slots);
        Assert.All(requeued, id => Assert.Contains(events, e => e.Manifest == "trial-started" && e.Body.GetProperty("TrialId").GetString() == id && e.Body.GetProperty("Attempt").GetInt32() == 2));
        Assert.Equal(Total + requeued.Count, events.Count(e => e.Manifest == "trial-started"));

        var trialsCsv = Path.Combine(_folder, "results", sweepId, "trials.csv");
        File.Delete(trialsCsv);
        var results = await SweepProcess.RunAsync(_folder, "results", sweepId, "--store", store);
        Assert.True(results.ExitCode == 0, results.Output);
        var rows = File.ReadAllLines(trialsCsv).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(Total, rows.Count);
        Assert.Equal(completed.ToHashSet(), rows.ToHashSet());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The done count of a progress line ("large: 812/3000 done · 4 running ..."), else -1.</summary>
    private static int Done(string line) => ProgressLine().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value) : -1;

    [GeneratedRegex(@"(\d+)/\d+ done")]
    private static partial Regex ProgressLine();
}
