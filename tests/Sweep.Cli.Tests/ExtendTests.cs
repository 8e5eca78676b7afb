using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary><c>sweep extend</c> runs only the new grid points; a spec that changes anything else is refused.</summary>
public sealed class ExtendTests : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("extend");

    [Fact]
    public async Task Extend_runs_only_the_new_points_and_refuses_a_changed_spec()
    {
        var store = "sqlite:" + Path.Combine(_folder, "journal.db");
        var run = await SweepProcess.RunAsync(_folder, "run", TestSpecs.Write(_folder, "quick.yaml", TestSpecs.Quick), "--store", store);
        Assert.True(run.ExitCode == 0, run.Output);
        var id = KillAndResume.SweepIdIn(run.Output);
        var firstIds = JournalReader.Events(store, id).TrialIds("trial-completed").ToHashSet();
        Assert.Equal(2, firstIds.Count);

        var changed = TestSpecs.Write(_folder, "changed.yaml", TestSpecs.Quick.Replace("d: [4]", "d: [4, 6]").Replace("learning_rate: 0.05", "learning_rate: 0.1"));
        var refused = await SweepProcess.RunAsync(_folder, "extend", id, changed, "--store", store);
        Assert.True(refused.ExitCode == 2, refused.Output);
        Assert.Contains("training.learning_rate changed from 0.05 to 0.1", refused.Output);

        var dropped = TestSpecs.Write(_folder, "dropped.yaml", TestSpecs.Quick.Replace("d: [4]", "d: [6]"));
        var refusedToo = await SweepProcess.RunAsync(_folder, "extend", id, dropped, "--store", store);
        Assert.True(refusedToo.ExitCode == 2, refusedToo.Output);
        Assert.Contains("grid.d drops [4]", refusedToo.Output);

        var extended = TestSpecs.Write(_folder, "extended.yaml", TestSpecs.Quick.Replace("d: [4]", "d: [4, 6]").Replace("seeds: 2", "seeds: 3"));
        var extend = await SweepProcess.RunAsync(_folder, "extend", id, extended, "--store", store);
        Assert.True(extend.ExitCode == 0, extend.Output);

        var events = JournalReader.Events(store, id);
        var started = events.TrialIds("trial-started").ToList();
        var completed = events.TrialIds("trial-completed").ToList();
        Assert.Equal(6, completed.Distinct().Count());
        Assert.Equal(6, completed.Count);
        Assert.Equal(6, started.Count); // the first 2 trials never ran again
        Assert.Single(events, e => e.Manifest == "sweep-extended");
        var rows = File.ReadAllLines(Path.Combine(_folder, "results", id, "trials.csv"));
        Assert.Equal(1 + 6, rows.Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
