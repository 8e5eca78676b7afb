using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Coordination;
using Sweep.Actors.Estimation;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Reporting;

namespace Sweep.Actors.Tests.EndToEnd;

/// <summary>
/// A sweep with an mi block through the production wiring: real training, the estimator pool on role estimator,
/// GroupEstimated events in a real SQLite journal, the MI bound in the outputs, and a restarted node that reuses the
/// persisted estimates instead of computing them again.
/// </summary>
public sealed class MiSweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-mi-e2e-").FullName;

    [Fact]
    public async Task Mi_sweep_persists_each_group_estimate_once_and_a_restarted_node_does_not_recompute()
    {
        var spec = Samples.Spec(Samples.MiYaml);
        var journal = Path.Combine(_folder, "journal.db");
        var options = new NodeOptions
        {
            Store = StoreLocation.Parse("sqlite:" + journal),
            Slots = ["cpu", "cpu"],
            Settings = new SweepSettings(SnapshotEvery: 1000, MaxAttempts: 2, ResultsRoot: Path.Combine(_folder, "results")),
        };

        SweepOutputsWritten first;
        var started = new List<MiGroupEstimationStarted>();
        using (var host = await EmbeddedSweepTests.StartAsync(options))
        {
            first = await SubmitAndWaitAsync(host, spec, started);
            await host.StopAsync();
        }

        Assert.Equal(4, started.Count);

        SqliteConnection.ClearAllPools();
        Assert.Equal(20, first.Status.Done);
        var estimated = GroupEvents(journal, first.SweepId, "group-estimated");
        Assert.Equal(4, estimated.Count); // d ∈ {4, 16} × 2 projections, each estimated once
        Assert.Equal(4, estimated.Select(e => e.GetProperty("Estimate").GetProperty("GroupId").GetString()).Distinct().Count());
        Assert.Empty(GroupEvents(journal, first.SweepId, "group-estimation-failed"));
        AssertOutputsCarryTheMiBound(first.Folder);

        File.Delete(Path.Combine(first.Folder, ResultsFolder.CurvesFile));
        using (var host = await EmbeddedSweepTests.StartAsync(options))
        {
            var again = await SubmitAndWaitAsync(host, spec, started);
            Assert.Equal(first.Folder, again.Folder);
            var results = Assert.IsType<SweepResults>(await host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>()
                .Ask<ISweepWire>(new GetSweepResults(again.SweepId), TimeSpan.FromSeconds(30)));
            Assert.Equal(4, results.MiEstimates!.Count);
            await host.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(4, started.Count); // the restarted node started no estimation
        Assert.Equal(4, GroupEvents(journal, first.SweepId, "group-estimated").Count); // and persisted no estimate again
        AssertOutputsCarryTheMiBound(first.Folder); // rebuilt from the journal's estimates
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<SweepOutputsWritten> SubmitAndWaitAsync(IHost host, SweepSpec spec, List<MiGroupEstimationStarted> started)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
        var written = new TaskCompletionSource<SweepOutputsWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = system.ActorOf(Props.Create(() => new Forwarder(written, started)));
        system.EventStream.Subscribe(probe, typeof(SweepOutputsWritten));
        system.EventStream.Subscribe(probe, typeof(MiGroupEstimationStarted));
        Assert.IsType<SweepAccepted>(await coordinator.Ask<ISweepWire>(new SubmitSweep(spec, Samples.MiYaml, 2), TimeSpan.FromSeconds(60)));
        return await written.Task.WaitAsync(TimeSpan.FromMinutes(4));
    }

    private static void AssertOutputsCarryTheMiBound(string folder)
    {
        var curves = File.ReadAllLines(Path.Combine(folder, ResultsFolder.CurvesFile));
        var header = curves[0].Split(',');
        var column = Array.IndexOf(header, "mi_term_estimate_mean");
        Assert.True(column > 0, curves[0]);
        Assert.Equal(3, curves.Length); // d = 4 and d = 16
        foreach (var row in curves.Skip(1).Select(r => r.Split(',')))
        {
            Assert.InRange(double.Parse(row[column], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
            Assert.Equal("2", row[Array.IndexOf(header, "mi_groups")]);
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.SummaryFile)));
        var mi = summary.RootElement.GetProperty("mi_term_estimate");
        Assert.Equal("ksg(k=2)", mi.GetProperty("estimator").GetString());
        Assert.Equal(5, mi.GetProperty("trainings_per_projection").GetInt32());
        Assert.Equal(4, mi.GetProperty("groups_estimated").GetInt32());
        Assert.Contains("biased", mi.GetProperty("caveat").GetString());
        Assert.False(mi.GetProperty("certified").GetBoolean());
        Assert.Contains("not a bound", mi.GetProperty("kind").GetString());
        var nulls = mi.GetProperty("null_check");
        Assert.Equal(4 * 4, nulls.GetProperty("positions_checked").GetInt32()); // 4 groups × s = 4 positions
        Assert.DoesNotContain("\"mi_bound", File.ReadAllText(Path.Combine(folder, ResultsFolder.SummaryFile)));
    }

    private static List<JsonElement> GroupEvents(string journal, Core.Trials.SweepId sweepId, string manifest)
    {
        using var db = new SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT message FROM journal WHERE persistence_id = $id AND manifest = $manifest ORDER BY sequence_number";
        query.Parameters.AddWithValue("$id", "sweep-" + sweepId.Value);
        query.Parameters.AddWithValue("$manifest", manifest);
        using var reader = query.ExecuteReader();
        var events = new List<JsonElement>();
        while (reader.Read())
        {
            events.Add(JsonDocument.Parse((byte[])reader.GetValue(0)).RootElement.Clone());
        }

        return events;
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(TaskCompletionSource<SweepOutputsWritten> target, List<MiGroupEstimationStarted> started)
        {
            Receive<SweepOutputsWritten>(m => target.TrySetResult(m));
            Receive<MiGroupEstimationStarted>(m =>
            {
                lock (started)
                {
                    started.Add(m);
                }
            });
        }
    }
}
