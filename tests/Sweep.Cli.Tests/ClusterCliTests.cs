using System.Text.Json;
using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>
/// The monitoring and steering commands (<c>cluster show</c>, <c>down-unreachable</c>, <c>status</c>, <c>trials</c>,
/// <c>pause</c>, <c>resume --contact</c>, <c>nodes</c>) against a real cluster of processes on 127.0.0.1 journaling to
/// a real PostgreSQL server, checked against what the cluster did: the members' processes and the journal.
/// </summary>
[Collection("kill and resume")]
public sealed class ClusterCliTests(PostgresServer postgres) : IDisposable
{
    private readonly TestCluster _cluster = new(TestSpecs.Folder("cluster-cli"));

    private string Folder => _cluster.Folder;

    [SkippableFact]
    public async Task Cluster_show_lists_roles_marks_a_killed_node_unreachable_and_down_unreachable_removes_it()
    {
        Skip.If(postgres.Unavailable is not null, "PostgreSQL could not be started: " + postgres.Unavailable);
        var store = postgres.NewStore();
        // The split brain resolver would down the killed node by itself after 10 s; here the command must do it.
        var slowResolver = TestSpecs.Write(Folder, "slow-sbr.conf", "akka.cluster.split-brain-resolver.stable-after = 300s");
        var coordinatorPort = TestCluster.FreePort();
        var trainerPorts = new[] { TestCluster.FreePort(), TestCluster.FreePort() };
        var contact = $"127.0.0.1:{coordinatorPort}";
        await _cluster.StartNode(coordinatorPort, "coordinator", store, seeds: null, extra: ["--config", slowResolver]);
        await _cluster.StartNode(trainerPorts[0], "trainer,estimator", store, contact, extra: ["--config", slowResolver]);
        var victim = await _cluster.StartNode(trainerPorts[1], "trainer", store, contact, extra: ["--config", slowResolver]);
        var victimAddress = $"akka.tcp://sweep@127.0.0.1:{trainerPorts[1]}";

        var state = await TestCluster.Until(() => _cluster.Json("cluster", "show", "--contact", contact), s => Members(s).Count(m => m.Status == "Up") == 3, TimeSpan.FromSeconds(30), "3 members Up");
        var members = Members(state).ToDictionary(m => m.Address);
        Assert.Equal(new[] { "coordinator" }, members[$"akka.tcp://sweep@127.0.0.1:{coordinatorPort}"].Roles);
        Assert.Equal(new[] { "estimator", "trainer" }, members[$"akka.tcp://sweep@127.0.0.1:{trainerPorts[0]}"].Roles);
        Assert.Equal(new[] { "trainer" }, members[victimAddress].Roles);
        Assert.All(members.Values, m => Assert.True(m.Reachable));
        Assert.Equal($"akka.tcp://sweep@127.0.0.1:{coordinatorPort}", state.GetProperty("coordinator").GetString());
        Assert.Contains(state.GetProperty("leader").GetString()!, members.Keys); // the lowest address among the Up members

        victim.Kill(); // SIGKILL
        await TestCluster.Until(
            () => _cluster.Json("cluster", "show", "--contact", contact),
            s => Members(s).Any(m => m.Address == victimAddress && !m.Reachable),
            TimeSpan.FromSeconds(60),
            "the killed node marked unreachable");

        var (code, output) = await SweepProcess.RunAsync(Folder, "cluster", "down-unreachable", "--contact", contact);
        Assert.True(code == 0, output);
        Assert.Contains($"down   {victimAddress}", output);

        var after = await TestCluster.Until(
            () => _cluster.Json("cluster", "show", "--contact", contact),
            s => Members(s).All(m => m.Address != victimAddress),
            TimeSpan.FromSeconds(60),
            "the downed node removed");
        Assert.Equal(2, Members(after).Count);
        Assert.All(Members(after), m => Assert.True(m.Reachable && m.Status == "Up"));
    }

    [SkippableFact]
    public async Task Pause_holds_back_new_trials_and_resume_completes_the_sweep()
    {
        var (store, contact, _) = await StartCoordinatorAndTrainer(slots: 2);
        using var client = StartKillableSweep(contact);
        var sweepId = await PauseAfterTheFirstCompletions(client, contact);
        var pausedAt = JournalReader.Events(store, sweepId).Single(e => e.Manifest == "sweep-paused").SequenceNr;

        // The trials in flight finish, and each freed slot asks for work again as its report is accepted; none starts.
        var quiet = await TestCluster.Until(() => Status(contact, sweepId), s => s.GetProperty("running").GetInt32() == 0, TimeSpan.FromMinutes(2), "running trials finished");
        Assert.Equal("paused", quiet.GetProperty("state").GetString());
        Assert.True(quiet.GetProperty("pending").GetInt32() > 0, "the pause came too late to hold anything back");
        await TestCluster.Throughout(
            () => Task.FromResult(JournalReader.Events(store, sweepId)),
            events => !events.Any(e => e.Manifest == "trial-started" && e.SequenceNr > pausedAt),
            TimeSpan.FromSeconds(5),
            "no trial started after the pause");

        // The follower says the sweep was paused from elsewhere and ends with its own exit code (not 0).
        Assert.True(await client.WaitAsync(TimeSpan.FromMinutes(1)) == ExitCodes.Stopped, client.Output);
        Assert.Contains("paused: the sweep was paused", client.Output);

        var (resumed, resumeOutput) = await SweepProcess.RunAsync(Folder, "resume", sweepId, "--contact", contact);
        Assert.True(resumed == 0, resumeOutput);
        var (followed, followOutput) = await SweepProcess.RunAsync(Folder, "resume", sweepId, "--cluster", contact);
        Assert.True(followed == 0, followOutput);
        var final = JournalReader.Events(store, sweepId);
        Assert.Equal(6, final.TrialIds("trial-completed").Distinct().Count());
        var resumedAt = final.Single(e => e.Manifest == "sweep-resumed").SequenceNr;
        Assert.Contains(final, e => e.Manifest == "trial-started" && e.SequenceNr > resumedAt);
        var finished = await Status(contact, sweepId);
        Assert.Equal(("finished", 6, 0, 0), (finished.GetProperty("state").GetString(), finished.GetProperty("done").GetInt32(), finished.GetProperty("running").GetInt32(), finished.GetProperty("pending").GetInt32()));
    }

    [SkippableFact]
    public async Task Status_trials_and_nodes_of_a_paused_sweep_agree_with_the_journal()
    {
        var (store, contact, trainerPort) = await StartCoordinatorAndTrainer(slots: 2);
        using var client = StartKillableSweep(contact);
        var sweepId = await PauseAfterTheFirstCompletions(client, contact);
        await TestCluster.Until(() => Status(contact, sweepId), s => s.GetProperty("running").GetInt32() == 0, TimeSpan.FromMinutes(2), "running trials finished");

        var events = JournalReader.Events(store, sweepId);
        var done = events.TrialIds("trial-completed").Distinct().Count();
        var failed = events.Count(e => e.Manifest == "trial-failed" && !e.Body.GetProperty("WillRetry").GetBoolean());
        var status = await Status(contact, sweepId);
        Assert.Equal(6, status.GetProperty("total").GetInt32());
        Assert.Equal(done, status.GetProperty("done").GetInt32());
        Assert.Equal(failed, status.GetProperty("failed").GetInt32());
        Assert.Equal(6 - done - failed, status.GetProperty("pending").GetInt32());
        var doneRows = (await _cluster.Json("trials", sweepId, "--state", "done", "--contact", contact)).GetProperty("trials");
        Assert.Equal(events.TrialIds("trial-completed").Distinct().Order(), doneRows.EnumerateArray().Select(t => t.GetProperty("trial_id").GetString()!).Order());
        var trainer = Assert.Single((await _cluster.Json("nodes", "--contact", contact)).GetProperty("nodes").EnumerateArray());
        Assert.Equal($"127.0.0.1:{trainerPort}", trainer.GetProperty("node").GetString());
        Assert.Equal((2, done), (trainer.GetProperty("slots").GetInt32(), trainer.GetProperty("done").GetInt32()));
    }

    [SkippableFact]
    public async Task Trials_failed_shows_the_NaN_error_of_a_trial_that_diverges_as_the_journal_records_it()
    {
        var (store, contact, trainerPort) = await StartCoordinatorAndTrainer(slots: 1);

        var (diverged, divergedOutput) = await SweepProcess.RunAsync(Folder, "run", TestSpecs.Write(Folder, "diverging.yaml", TestSpecs.Diverging), "--cluster", contact);

        Assert.True(diverged == ExitCodes.TrialsFailed, divergedOutput);
        var divergingId = KillAndResume.SweepIdIn(divergedOutput);
        var failedRow = Assert.Single((await _cluster.Json("trials", divergingId, "--state", "failed", "--contact", contact)).GetProperty("trials").EnumerateArray());
        Assert.Equal("d=4 seed=0", failedRow.GetProperty("point").GetString());
        Assert.Contains("diverged to NaN", failedRow.GetProperty("error").GetString());
        Assert.StartsWith($"127.0.0.1:{trainerPort}/cpu#", failedRow.GetProperty("node").GetString());
        var journalReason = JournalReader.Events(store, divergingId).Last(e => e.Manifest == "trial-failed").Body.GetProperty("Reason").GetString();
        Assert.Equal(journalReason, failedRow.GetProperty("error").GetString());

        // A sweep cancelled from elsewhere is said, with its own exit code, by its follower and by a second run.
        var cancelSpec = TestSpecs.Write(Folder, "cancelled.yaml", TestSpecs.Killable.Replace("name: killable", "name: cancelled", StringComparison.Ordinal));
        using var cancelled = SweepProcess.Start(Folder, "run", cancelSpec, "--cluster", contact);
        await cancelled.WaitForLineAsync(l => l.Contains("running", StringComparison.Ordinal) && !l.Contains("0 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var cancelledId = KillAndResume.SweepIdIn(cancelled.Output);
        Assert.Equal(0, (await SweepProcess.RunAsync(Folder, "cancel", cancelledId, "--contact", contact)).ExitCode);
        Assert.True(await cancelled.WaitAsync(TimeSpan.FromMinutes(2)) == ExitCodes.Stopped, cancelled.Output);
        Assert.Contains("cancelled: the sweep was cancelled before its end", cancelled.Output);
        var again = await SweepProcess.RunAsync(Folder, "run", cancelSpec, "--cluster", contact);
        Assert.True(again.ExitCode == ExitCodes.Stopped, again.Output);
        Assert.Contains("cancelled", again.Output);
    }

    [Fact]
    public async Task A_cluster_command_that_reaches_no_node_names_the_address_and_exits_3()
    {
        var port = TestCluster.FreePort();
        var (code, output) = await SweepProcess.RunAsync(Folder, "status", "--contact", $"127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.Contains($"akka.tcp://sweep@127.0.0.1:{port}", output);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A coordinator node and one trainer node with <paramref name="slots"/> slots, journaling to a fresh PostgreSQL database.</summary>
    private async Task<(string Store, string Contact, int TrainerPort)> StartCoordinatorAndTrainer(int slots)
    {
        Skip.If(postgres.Unavailable is not null, "PostgreSQL could not be started: " + postgres.Unavailable);
        var store = postgres.NewStore();
        var coordinatorPort = TestCluster.FreePort();
        var contact = $"127.0.0.1:{coordinatorPort}";
        await _cluster.StartNode(coordinatorPort, "coordinator", store, seeds: null);
        var trainerPort = TestCluster.FreePort();
        await _cluster.StartNode(trainerPort, "trainer", store, contact, slots);
        return (store, contact, trainerPort);
    }

    private SweepProcess StartKillableSweep(string contact) =>
        SweepProcess.Start(Folder, "run", TestSpecs.Write(Folder, "spec.yaml", TestSpecs.Killable), "--cluster", contact);

    /// <summary>Pauses the client's sweep once its first trials are done; returns its id.</summary>
    private async Task<string> PauseAfterTheFirstCompletions(SweepProcess client, string contact)
    {
        // Both slots start together and often finish in the same poll: the first line with trials done may say 1 or 2.
        await client.WaitForLineAsync(l => l.Contains("1/6 done", StringComparison.Ordinal) || l.Contains("2/6 done", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var sweepId = KillAndResume.SweepIdIn(client.Output);
        var (paused, pauseOutput) = await SweepProcess.RunAsync(Folder, "pause", sweepId, "--contact", contact);
        Assert.True(paused == 0, pauseOutput);
        return sweepId;
    }

    private async Task<JsonElement> Status(string contact, string sweepId) =>
        (await _cluster.Json("status", sweepId, "--contact", contact)).GetProperty("sweeps")[0];

    private static List<(string Address, string[] Roles, string Status, bool Reachable)> Members(JsonElement state) =>
        state.GetProperty("members").EnumerateArray()
            .Select(m => (
                m.GetProperty("address").GetString()!,
                m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray(),
                m.GetProperty("status").GetString()!,
                m.GetProperty("reachable").GetBoolean()))
            .ToList();
}
