using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>
/// MI estimation on its own node, with real processes on 127.0.0.1: a coordinator, a trainer node and an estimator
/// node. The estimates are made on the estimator node (the journal says where); SIGKILLed during a group, its group
/// goes to the estimator node that replaces it, and the sweep completes with exactly one estimate per group.
/// </summary>
[Collection("kill and resume")]
public sealed class EstimatorNodeTests : IDisposable
{
    // 2 groups (d = 2, 4; one Θ each) of 12 trainings. Each group runs KSG at all s = n = 40 sample positions, and
    // beside each estimate a permutation null of 10,000 repetitions (a p-value resolved to 1e-4): 400,000 KSG runs
    // that keep a group busy for seconds even on a quiet machine (6-8 s per group at M = 8 on the loaded 2-core CI
    // host; M = 12 is more), while the SIGKILL follows the group's first output line within milliseconds. A slower
    // machine only widens that margin.
    private const string MiSweep = """
        name: mi-remote
        seed: 13
        dataset:
          name: synthetic
          features: 4
          classes: 2
          separation: 2.0
          pool_size: 400
          train_size: 40
          test_size: 200
        model:
          kind: mlp
          widths: [4, 8, 2]
        projection:
          kind: orthonormal
        quantization:
          levels: 16
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 3
          batch_size: 20
        grid:
          d: [2, 4]
        mi:
          trainings_per_projection: 12
          projections: 1
          estimator: ksg
          k: 3
          samples_per_trial: 40
          null_repetitions: 10000
        """;

    private readonly TestCluster _cluster = new(TestSpecs.Folder("estimators"));

    private string Folder => _cluster.Folder;

    [Fact]
    public async Task Estimates_come_from_the_estimator_node_and_a_killed_one_loses_no_group_and_doubles_none()
    {
        var store = $"sqlite:{Path.Combine(Folder, "journal.db")}";
        var coordinatorPort = TestCluster.FreePort();
        var contact = $"127.0.0.1:{coordinatorPort}";
        await _cluster.StartNode(coordinatorPort, "coordinator", store, seeds: null);
        await _cluster.StartNode(TestCluster.FreePort(), "trainer", store, contact, slots: 2);
        var firstPort = TestCluster.FreePort();
        var first = await _cluster.StartNode(firstPort, "estimator", store, contact);

        using var run = SweepProcess.Start(Folder, "run", TestSpecs.Write(Folder, "mi.yaml", MiSweep), "--cluster", contact);
        Assert.True(await first.KillWhenAsync(l => l.StartsWith("estimating MI group ", StringComparison.Ordinal), TimeSpan.FromMinutes(4)), first.Output);
        var killedGroup = first.Lines.First(l => l.StartsWith("estimating MI group ", StringComparison.Ordinal)).Split(' ')[3];
        var secondPort = TestCluster.FreePort();
        await _cluster.StartNode(secondPort, "estimator", store, contact);

        Assert.True(await run.WaitAsync(TimeSpan.FromMinutes(6)) == 0, run.Output);
        var sweepId = KillAndResume.SweepIdIn(run.Output);
        // The client is done when the trials are; the estimates follow as the groups are estimated.
        await TestCluster.Until(
            () => Task.FromResult(JournalReader.Events(store, sweepId).Where(e => e.Manifest.StartsWith("group-", StringComparison.Ordinal)).Select(e => e.Manifest + " " + e.Body.GetRawText()).ToList()),
            settled => settled.Count >= 2,
            TimeSpan.FromMinutes(5),
            "both MI groups settled in the journal");
        await Task.Delay(TimeSpan.FromSeconds(5)); // room for a second, duplicate estimate to show up
        var estimates = JournalReader.Events(store, sweepId).Where(e => e.Manifest == "group-estimated").Select(e => e.Body.GetProperty("Estimate")).ToList();
        var groups = estimates.Select(e => e.GetProperty("GroupId").GetString()!).ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(groups.Count, groups.Distinct().Count());
        Assert.Contains(killedGroup, groups);
        var nodes = estimates.ToDictionary(e => e.GetProperty("GroupId").GetString()!, e => e.GetProperty("Node").GetString());
        Assert.Equal($"akka.tcp://sweep@127.0.0.1:{secondPort}", nodes[killedGroup]);
        Assert.All(nodes.Values, n => Assert.True(n == $"akka.tcp://sweep@127.0.0.1:{secondPort}" || n == $"akka.tcp://sweep@127.0.0.1:{firstPort}", n));
    }

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
