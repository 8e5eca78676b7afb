using System.Globalization;
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
using Sweep.Reporting.Topology;
using Sweep.Tests.Shared;

namespace Sweep.Actors.Tests.EndToEnd;

/// <summary>
/// A cnn sweep with a topology block through the production wiring: real TorchSharp training of 8 tiny CNNs (full
/// training and d = 40, 4 seeds each), the filters in the trials' completions, one topology estimate per group on the
/// estimator role, journaled once in a real SQLite journal, the barcodes and circle counts in the results folder, and a
/// restarted node that rebuilds the outputs from the journal without computing any group again.
/// </summary>
public sealed class TopologySweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-topology-e2e-").FullName;

    [Fact]
    public async Task Each_group_is_estimated_and_journaled_once_and_a_restarted_node_rebuilds_the_outputs_without_recomputing()
    {
        var spec = Samples.Spec(SpecYaml.TinyTopology);
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

        SqliteConnection.ClearAllPools();
        Assert.Equal(8, first.Status.Done);
        Assert.Equal(2, started.Count);
        var estimated = Events(journal, first.SweepId, "topology-group-estimated");
        Assert.Equal(2, estimated.Count); // full training and d = 40, each once
        Assert.Equal(2, estimated.Select(e => e.GetProperty("Estimate").GetProperty("GroupId").GetString()).Distinct().Count());
        Assert.Empty(Events(journal, first.SweepId, "topology-group-estimation-failed"));
        var completed = Events(journal, first.SweepId, "trial-completed");
        Assert.All(completed, c => Assert.True(c.GetProperty("Metrics").TryGetProperty("FirstLayerFilters", out _)));
        var summary = AssertOutputs(first.Folder);

        Directory.Delete(Path.Combine(first.Folder, TopologyOutputs.Folder), recursive: true);
        using (var host = await EmbeddedSweepTests.StartAsync(options))
        {
            var again = await SubmitAndWaitAsync(host, spec, started);
            Assert.Equal(first.Folder, again.Folder);
            await host.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(2, started.Count); // the restarted node computed no group
        Assert.Equal(2, Events(journal, first.SweepId, "topology-group-estimated").Count);
        Assert.Equal(summary, AssertOutputs(first.Folder)); // the same numbers, rebuilt from the journal
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Checks the topology outputs and returns summary.csv's text.</summary>
    private static string AssertOutputs(string folder)
    {
        var topology = Path.Combine(folder, TopologyOutputs.Folder);
        var text = File.ReadAllText(Path.Combine(topology, TopologyOutputs.SummaryFile));
        var lines = text.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(TopologyTables.SummaryHeader, header);
        Assert.Equal(3, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["full training", "d=40"], rows.Select(r => r[Array.IndexOf(header, "group")]));
        foreach (var row in rows)
        {
            Assert.Equal("32", row[Array.IndexOf(header, "filters")]); // 4 trainings × 8 filters
            Assert.Equal("4", row[Array.IndexOf(header, "trainings")]);
            var landmarks = int.Parse(row[Array.IndexOf(header, "landmarks")], CultureInfo.InvariantCulture);
            Assert.InRange(landmarks, 2, 16);
            var circles = int.Parse(row[Array.IndexOf(header, "circle_count")], CultureInfo.InvariantCulture);
            var stem = (row[Array.IndexOf(header, "group")] == "full training" ? "full-training" : "d-40") + "_" + row[0];
            var h0 = File.ReadAllLines(Path.Combine(topology, stem + "-h0.csv"));
            var h1 = File.ReadAllLines(Path.Combine(topology, stem + "-h1.csv"));
            Assert.Equal("dimension,birth,death,persistence", h0[0]);
            Assert.Equal(landmarks, h0.Length - 1); // n points: n − 1 finite components and one essential
            Assert.Single(h0, l => l.EndsWith(",inf,inf", StringComparison.Ordinal));
            var persistence = h1.Skip(1).Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(persistence.Count(p => p > 0.5), circles); // the circle count is the bars above the threshold
            Assert.Equal(persistence.DefaultIfEmpty(0).Max(), double.Parse(row[Array.IndexOf(header, "longest_h1_persistence")], CultureInfo.InvariantCulture), 12);
            foreach (var picture in new[] { "-diagram.png", "-filters.png" })
            {
                var bytes = File.ReadAllBytes(Path.Combine(topology, stem + picture));
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            }

            Assert.True(File.Exists(Path.Combine(topology, stem + "-diagram.svg")));
        }

        Assert.True(File.Exists(Path.Combine(topology, "curve.png")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.SummaryFile)));
        var section = json.RootElement.GetProperty("topology");
        Assert.Equal(2, section.GetProperty("groups").GetArrayLength());
        Assert.Contains("estimate", section.GetProperty("caveat").GetString(), StringComparison.Ordinal);
        return text;
    }

    private static async Task<SweepOutputsWritten> SubmitAndWaitAsync(IHost host, SweepSpec spec, List<MiGroupEstimationStarted> started)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
        var written = new TaskCompletionSource<SweepOutputsWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = system.ActorOf(Props.Create(() => new Forwarder(written, started)));
        system.EventStream.Subscribe(probe, typeof(SweepOutputsWritten));
        system.EventStream.Subscribe(probe, typeof(MiGroupEstimationStarted));
        Assert.IsType<SweepAccepted>(await coordinator.Ask<ISweepWire>(new SubmitSweep(spec, SpecYaml.TinyTopology, 2), TimeSpan.FromSeconds(60)));
        return await written.Task.WaitAsync(TimeSpan.FromMinutes(3));
    }

    private static List<JsonElement> Events(string journal, Core.Trials.SweepId sweepId, string manifest)
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
