using System.Text.RegularExpressions;
using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>The uninterrupted run every kill-and-resume scenario must reproduce, row for row (made once, 2 slots).</summary>
public sealed class UninterruptedRun : IAsyncLifetime
{
    public string Folder { get; } = TestSpecs.Folder("baseline");

    public string SweepId { get; private set; } = "";

    public string TrialsCsv { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var spec = TestSpecs.Write(Folder, "spec.yaml", TestSpecs.Killable);
        var (code, output) = await SweepProcess.RunAsync(Folder, "run", spec, "--slots", "2", "--store", "sqlite:journal.db");
        Assert.True(code == 0, output);
        SweepId = KillAndResume.SweepIdIn(output);
        TrialsCsv = File.ReadAllText(Path.Combine(Folder, "results", SweepId, "trials.csv"));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition("kill and resume")]
public sealed class KillAndResumeCollection : ICollectionFixture<UninterruptedRun>, ICollectionFixture<PostgresServer>;

/// <summary>
/// A sweep started as a separate process is SIGKILLed before its first result, mid-way and during its last trial,
/// and resumed each time. The final trials.csv must equal the uninterrupted run's, and no trial may be completed
/// twice in the journal. Once on SQLite, once on a real PostgreSQL server.
/// </summary>
[Collection("kill and resume")]
public sealed class KillAndResumeTests(UninterruptedRun baseline, PostgresServer postgres) : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("kill");

    [Fact]
    public async Task Sqlite_sweep_killed_three_times_resumes_to_the_uninterrupted_results()
    {
        await KillAndResume.Scenario(_folder, "sqlite:" + Path.Combine(_folder, "journal.db"), baseline);
    }

    [SkippableFact]
    public async Task Postgres_sweep_killed_three_times_resumes_to_the_uninterrupted_results()
    {
        Skip.If(postgres.Unavailable is not null, "PostgreSQL could not be started: " + postgres.Unavailable);
        await KillAndResume.Scenario(_folder, postgres.NewStore(), baseline);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

internal static partial class KillAndResume
{
    public static string SweepIdIn(string output) => SweepLine().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No sweep id in:\n" + output);

    public static async Task Scenario(string folder, string store, UninterruptedRun baseline)
    {
        var spec = TestSpecs.Write(folder, "spec.yaml", TestSpecs.Killable);
        const int total = 6;
        string[] common = ["--slots", "1", "--store", store, "--snapshot-every", "100000"];

        // 1. Killed before its first result: the first trial is running, nothing is done.
        using (var run = SweepProcess.Start(folder, ["run", spec, .. common]))
        {
            Assert.True(await run.KillWhenAsync(l => l.Contains($"0/{total} done · 1 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2)), run.Output);
        }

        var sweepId = baseline.SweepId;
        var results = Path.Combine(folder, "results", sweepId);

        // 2. Resumed (by its results folder) and killed mid-way.
        using (var resume = SweepProcess.Start(folder, ["resume", results, .. common]))
        {
            Assert.True(await resume.KillWhenAsync(l => l.Contains($"3/{total} done · 1 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2)), resume.Output);
            Assert.Contains("0 already done", resume.Output);
        }

        // 3. Resumed (by id) and killed during the last trial.
        using (var resume = SweepProcess.Start(folder, ["resume", sweepId, .. common]))
        {
            Assert.True(await resume.KillWhenAsync(l => l.Contains($"{total - 1}/{total} done · 1 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2)), resume.Output);
        }

        var (code, output) = await SweepProcess.RunAsync(folder, ["resume", sweepId, .. common]);
        Assert.True(code == 0, output);
        Assert.Contains($"{total - 1} already done", output);

        Assert.Equal(baseline.TrialsCsv, File.ReadAllText(Path.Combine(results, "trials.csv")));

        var events = JournalReader.Events(store, sweepId);
        var completed = events.TrialIds("trial-completed").ToList();
        Assert.Equal(total, completed.Count);
        Assert.Equal(total, completed.Distinct().Count());
        // The three interrupted attempts went back to the queue, counted.
        var requeued = events.TrialIds("trial-requeued").ToList();
        Assert.Equal(3, requeued.Count);
        Assert.All(requeued, id => Assert.Contains(events, e => e.Manifest == "trial-started" && e.Body.GetProperty("TrialId").GetString() == id && e.Body.GetProperty("Attempt").GetInt32() == 2));

        // The store left behind still lists the sweep and rebuilds its outputs.
        var list = await SweepProcess.RunAsync(folder, "list", "--store", store, "--json");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("\"state\": \"finished\"", list.Output);
        File.Delete(Path.Combine(results, "trials.csv"));
        var rebuilt = await SweepProcess.RunAsync(folder, "results", sweepId, "--store", store);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.Equal(baseline.TrialsCsv, File.ReadAllText(Path.Combine(results, "trials.csv")));
    }

    [GeneratedRegex(@"sweep\s+(\S+) ·")]
    private static partial Regex SweepLine();
}
