using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>
/// A real cluster of processes on 127.0.0.1: a coordinator node journaling to a real PostgreSQL server and two
/// trainer nodes, driven by <c>sweep run --cluster</c>. Nodes are SIGKILLed mid-sweep; the sweep must still
/// complete with every trial completed exactly once in the journal.
/// </summary>
[Collection("kill and resume")]
public sealed class ClusterTests(PostgresServer postgres) : IDisposable
{
    private readonly TestCluster _cluster = new(TestSpecs.Folder("cluster"));

    private string Folder => _cluster.Folder;

    [SkippableFact]
    public async Task A_trainer_killed_mid_trial_loses_nothing_and_runs_nothing_twice()
    {
        Skip.If(postgres.Unavailable is not null, "PostgreSQL could not be started: " + postgres.Unavailable);
        var store = postgres.NewStore();
        var coordinator = TestCluster.FreePort();
        await _cluster.StartNode(coordinator, "coordinator", store, seeds: null);
        var trainer1 = await _cluster.StartNode(TestCluster.FreePort(), "trainer", store, seeds: $"127.0.0.1:{coordinator}");
        await _cluster.StartNode(TestCluster.FreePort(), "trainer", store, seeds: $"127.0.0.1:{coordinator}");

        using var client = SweepProcess.Start(Folder, "run", TestSpecs.Write(Folder, "spec.yaml", TestSpecs.Killable), "--cluster", $"127.0.0.1:{coordinator}");
        await client.WaitForLineAsync(l => l.Contains("done · 2 running", StringComparison.Ordinal) && !l.Contains(" 0/6", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        trainer1.Kill(); // SIGKILL, mid-trial: both slots are busy

        Assert.True(await client.WaitAsync(TimeSpan.FromMinutes(4)) == 0, client.Output);
        var sweepId = KillAndResume.SweepIdIn(client.Output);
        var events = JournalReader.Events(store, sweepId);
        var completed = events.TrialIds("trial-completed").ToList();
        Assert.Equal(6, completed.Count);
        Assert.Equal(6, completed.Distinct().Count());
        Assert.Contains(events, e => e.Manifest == "trial-requeued" && e.Body.GetProperty("Reason").GetString()!.Contains("was lost", StringComparison.Ordinal));
        // Both trainer nodes were given trials (the killed one may die during its first).
        Assert.Equal(2, events.Where(e => e.Manifest == "trial-started").Select(e => e.Body.GetProperty("Node").GetString()!.Split('/')[0]).Distinct().Count());
        Assert.Equal(7, File.ReadAllLines(Path.Combine(Folder, "results", sweepId, "trials.csv")).Length);
    }

    [SkippableFact]
    public async Task A_coordinator_killed_and_restarted_resumes_from_the_postgres_journal()
    {
        Skip.If(postgres.Unavailable is not null, "PostgreSQL could not be started: " + postgres.Unavailable);
        var store = postgres.NewStore();
        var coordinatorPort = TestCluster.FreePort();
        var trainerPort = TestCluster.FreePort();
        var coordinator = await _cluster.StartNode(coordinatorPort, "coordinator", store, seeds: null);
        await _cluster.StartNode(trainerPort, "trainer", store, seeds: $"127.0.0.1:{coordinatorPort}");
        await _cluster.StartNode(TestCluster.FreePort(), "trainer", store, seeds: $"127.0.0.1:{coordinatorPort}");

        using var client = SweepProcess.Start(Folder, "run", TestSpecs.Write(Folder, "spec.yaml", TestSpecs.Killable), "--cluster", $"127.0.0.1:{coordinatorPort}");
        await client.WaitForLineAsync(l => l.Contains("2/6 done", StringComparison.Ordinal) || l.Contains("3/6 done", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        coordinator.Kill();
        // The same node again, joining the surviving trainers; its singleton recovers the sweep from PostgreSQL.
        await _cluster.StartNode(coordinatorPort, "coordinator", store, seeds: $"127.0.0.1:{trainerPort}");

        Assert.True(await client.WaitAsync(TimeSpan.FromMinutes(5)) == 0, client.Output);
        var sweepId = KillAndResume.SweepIdIn(client.Output);
        var completed = JournalReader.Events(store, sweepId).TrialIds("trial-completed").ToList();
        Assert.Equal(6, completed.Count);
        Assert.Equal(6, completed.Distinct().Count());
        Assert.Equal(7, File.ReadAllLines(Path.Combine(Folder, "results", sweepId, "trials.csv")).Length);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
