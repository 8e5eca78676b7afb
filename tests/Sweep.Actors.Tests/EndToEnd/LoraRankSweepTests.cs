using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Actors.Trainers;
using Sweep.Reporting;

namespace Sweep.Actors.Tests.EndToEnd;

/// <summary>
/// A 6-trial LoRA rank sweep (2 ranks × 3 modes, 1 seed) through the production wiring: pretraining once into the
/// artifacts folder, two trainer slots fine-tuning adapters, curves against r, and a corrupt checkpoint failing
/// every trial with its reason while the node keeps running.
/// </summary>
public sealed class LoraRankSweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-lora-e2e-").FullName;

    private string Results => Path.Combine(_folder, "results");

    private string Artifacts => Path.Combine(Results, "artifacts");

    [Fact]
    public async Task Six_trial_rank_sweep_pretrains_once_and_writes_curves_against_rank()
    {
        var (outputs, _) = await RunAsync(maxAttempts: 2);

        Assert.Equal(6, outputs.Status.Done);
        Assert.Equal(0, outputs.Status.Failed);
        foreach (var file in new[] { ResultsFolder.TrialsFile, ResultsFolder.CurvesFile, ResultsFolder.SummaryFile, ResultsFolder.PlotPng, ResultsFolder.PlotSvg })
        {
            Assert.True(new FileInfo(Path.Combine(outputs.Folder, file)).Length > 0, file);
        }

        var checkpoint = Assert.Single(Directory.GetFiles(Artifacts));
        Assert.Equal(new BaseCheckpointStore(Artifacts).PathFor(LoraSamples.Spec().Pretrain!), checkpoint);

        var rows = ReadCsv(Path.Combine(outputs.Folder, ResultsFolder.TrialsFile));
        Assert.Equal(6, rows.Count);
        Assert.Equal(6, rows.Select(r => r["trial_id"]).Distinct().Count());
        Assert.Equal(6, rows.Select(r => (r["rank"], r["mode"])).Distinct().Count());
        Assert.All(rows, r => Assert.Equal("6", r["bits"]));
        // widths 8-16-6, both layers adapted: Σd_in = 24, Σd_out = 22.
        Assert.Equal("22", rows.Single(r => r["rank"] == "1" && r["mode"] == "B-only")["trainable_parameters"]);
        Assert.Equal("96", rows.Single(r => r["rank"] == "4" && r["mode"] == "A-only")["trainable_parameters"]);
        Assert.Equal("184", rows.Single(r => r["rank"] == "4" && r["mode"] == "both")["trainable_parameters"]);

        var curves = ReadCsv(Path.Combine(outputs.Folder, ResultsFolder.CurvesFile));
        Assert.All(curves, c => Assert.Equal("r", c["axis"]));
        Assert.Equal(["B-only", "A-only", "both"], curves.Select(c => c["series"]).Distinct());
        Assert.All(curves.GroupBy(c => c["series"]), g => Assert.Equal(["1", "4"], g.Select(c => c["x"])));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputs.Folder, ResultsFolder.SummaryFile)));
        var bound = summary.RootElement.GetProperty("bound");
        Assert.Equal("lora-quantization", bound.GetProperty("kind").GetString());
        Assert.Equal(6, bound.GetProperty("bits").GetInt32());
        Assert.Equal(0.5, bound.GetProperty("sigma").GetDouble());
        Assert.Equal(3, summary.RootElement.GetProperty("per_mode").GetArrayLength());
        Assert.True(summary.RootElement.GetProperty("asymmetry").TryGetProperty("b_only_at_least_a_only_at_every_rank", out _));

        // The adapters learn the new classes: at r = 4 (both) the training error is well below chance (2/3).
        Assert.InRange(double.Parse(rows.Single(r => r["rank"] == "4" && r["mode"] == "both")["train_error"], System.Globalization.CultureInfo.InvariantCulture), 0, 0.4);
    }

    [Fact]
    public async Task Corrupt_checkpoint_fails_every_trial_with_its_reason_and_the_node_survives()
    {
        var path = new BaseCheckpointStore(Artifacts).PathFor(LoraSamples.Spec().Pretrain!);
        Directory.CreateDirectory(Artifacts);
        File.WriteAllBytes(path, "SWEEPCKP not really a checkpoint"u8.ToArray());

        var (outputs, results) = await RunAsync(maxAttempts: 1);

        Assert.Equal(0, outputs.Status.Done);
        Assert.Equal(6, outputs.Status.Failed);
        Assert.All(results.Failed, f => Assert.Contains($"Base checkpoint {path} is unusable", f.Reason));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(SweepOutputsWritten Outputs, SweepResults Results)> RunAsync(int maxAttempts)
    {
        var options = new NodeOptions
        {
            Store = StoreLocation.Parse("sqlite:" + Path.Combine(_folder, "journal.db")),
            Slots = ["cpu", "cpu"],
            Settings = new SweepSettings(SnapshotEvery: 4, MaxAttempts: maxAttempts, ResultsRoot: Results),
        };
        using var host = await EmbeddedSweepTests.StartAsync(options);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
            var written = new TaskCompletionSource<SweepOutputsWritten>();
            var probe = system.ActorOf(Props.Create(() => new EmbeddedSweepTests.Forwarder<SweepOutputsWritten>(written)));
            system.EventStream.Subscribe(probe, typeof(SweepOutputsWritten));

            var accepted = Assert.IsType<SweepAccepted>(await coordinator.Ask<ISweepWire>(new SubmitSweep(LoraSamples.Spec(), LoraSamples.Yaml, maxAttempts), TimeSpan.FromSeconds(60)));
            Assert.Equal(6, accepted.Total);
            var outputs = await written.Task.WaitAsync(TimeSpan.FromMinutes(3));
            var results = Assert.IsType<SweepResults>(await coordinator.Ask<ISweepWire>(new GetSweepResults(accepted.SweepId), TimeSpan.FromSeconds(30)));
            return (outputs, results);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(",")).ToDictionary(p => p.Item1, p => p.Item2)).ToList();
    }
}
