using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Actors.Trainers;
using Sweep.Reporting;

namespace Sweep.Actors.Tests.EndToEnd;

/// <summary>
/// A 4-trial sweep through the production wiring: the single-node cluster, the coordinator singleton, the ledger on
/// a real SQLite file, two trainer slots running real TorchSharp subspace training, and the aggregator's outputs.
/// </summary>
public sealed class EmbeddedSweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-e2e-").FullName;

    [Fact]
    public async Task Four_trial_sweep_runs_through_the_actors_and_writes_every_output()
    {
        var spec = Samples.Spec();
        var options = new NodeOptions
        {
            Store = StoreLocation.Parse("sqlite:" + Path.Combine(_folder, "journal.db")),
            Slots = ["cpu", "cpu"],
            Settings = new SweepSettings(SnapshotEvery: 3, MaxAttempts: 2, ResultsRoot: Path.Combine(_folder, "results")),
        };
        using var host = await StartAsync(options);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
        var written = new TaskCompletionSource<SweepOutputsWritten>();
        var probe = system.ActorOf(Props.Create(() => new Forwarder<SweepOutputsWritten>(written)));
        system.EventStream.Subscribe(probe, typeof(SweepOutputsWritten));

        var accepted = Assert.IsType<SweepAccepted>(await coordinator.Ask<ISweepWire>(new SubmitSweep(spec, Samples.SyntheticYaml, 2), TimeSpan.FromSeconds(60)));
        var outputs = await written.Task.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(4, accepted.Total);
        Assert.Equal(4, outputs.Status.Done);
        Assert.Equal(0, outputs.Status.Failed);
        foreach (var file in new[] { ResultsFolder.TrialsFile, ResultsFolder.CurvesFile, ResultsFolder.SummaryFile, ResultsFolder.PlotPng, ResultsFolder.PlotSvg })
        {
            Assert.True(new FileInfo(Path.Combine(outputs.Folder, file)).Length > 0, file);
        }

        var rows = File.ReadAllLines(Path.Combine(outputs.Folder, ResultsFolder.TrialsFile));
        Assert.Equal(5, rows.Length);
        Assert.Equal(4, rows.Skip(1).Select(r => r.Split(',')[0]).Distinct().Count());
        var curves = File.ReadAllLines(Path.Combine(outputs.Folder, ResultsFolder.CurvesFile));
        Assert.Equal(3, curves.Length); // header + d = 4 and d = 16
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(outputs.Folder, ResultsFolder.PlotPng)).Take(4));

        var results = Assert.IsType<SweepResults>(await coordinator.Ask<ISweepWire>(new GetSweepResults(accepted.SweepId), TimeSpan.FromSeconds(30)));
        Assert.All(results.Completed, r => Assert.True(double.IsFinite(r.Metrics.TrainLoss)));
        // The networks really learn: at d = 16 the training error is well below chance (2/3).
        Assert.All(results.Completed.Where(r => r.Config.IntrinsicDimension == 16), r => Assert.InRange(r.Metrics.TrainError, 0, 0.5));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    internal static async Task<IHost> StartAsync(NodeOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSweepNode(options, TrialExecutors.ForSlot(options.ThreadsPerTrainer, options.Settings?.ArtifactsFolder ?? TrialExecutors.DefaultArtifactsFolder));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal sealed class Forwarder<T> : ReceiveActor
    {
        public Forwarder(TaskCompletionSource<T> target) => Receive<T>(m => target.TrySetResult(m));
    }
}
