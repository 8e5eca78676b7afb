using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Reporting;

namespace Sweep.Actors.Tests.EndToEnd;

/// <summary>
/// A supersample sweep through the production wiring: real training on Z̃_{i,U_i}, the losses on both halves in the
/// journal's completions, the estimator's CMI bounds, and the outputs that carry them beside the measured gap.
/// </summary>
public sealed class CmiSweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-cmi-e2e-").FullName;

    [Fact]
    public async Task Supersample_sweep_writes_both_cmi_bounds_above_the_gap_of_the_same_trainings()
    {
        var spec = Samples.Spec(Samples.CmiYaml);
        var options = new NodeOptions
        {
            Store = StoreLocation.Parse("sqlite:" + Path.Combine(_folder, "journal.db")),
            Slots = ["cpu", "cpu"],
            Settings = new SweepSettings(SnapshotEvery: 1000, MaxAttempts: 2, ResultsRoot: Path.Combine(_folder, "results")),
        };

        using var host = await EmbeddedSweepTests.StartAsync(options);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
        var written = new TaskCompletionSource<SweepOutputsWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = system.ActorOf(Props.Create(() => new Waiter(written)));
        system.EventStream.Subscribe(probe, typeof(SweepOutputsWritten));
        Assert.IsType<SweepAccepted>(await coordinator.Ask<ISweepWire>(new SubmitSweep(spec, Samples.CmiYaml, 2), TimeSpan.FromSeconds(60)));
        var outputs = await written.Task.WaitAsync(TimeSpan.FromMinutes(4));
        var results = Assert.IsType<SweepResults>(await coordinator.Ask<ISweepWire>(new GetSweepResults(outputs.SweepId), TimeSpan.FromSeconds(30)));
        await host.StopAsync();

        Assert.Equal(24, outputs.Status.Done);
        Assert.All(results.Completed, r => Assert.Equal(40, r.Metrics.SupersampleLosses!.Length));
        Assert.Equal(2, results.MiEstimates!.Count);
        foreach (var estimate in results.MiEstimates)
        {
            var cmi = estimate.Cmi!;
            Assert.Equal(12, cmi.Trainings);
            Assert.True(cmi.LossDifference.Upper >= cmi.MeasuredGap, $"d = {estimate.D}: {cmi.LossDifference.Upper} < {cmi.MeasuredGap}");
            Assert.True(cmi.EvaluatedCmi.Upper >= cmi.LossDifference.Upper - 1e-12);
            Assert.True(cmi.LossDifference.Upper >= cmi.LossDifference.PlugIn);
        }

        var curves = File.ReadAllLines(Path.Combine(outputs.Folder, ResultsFolder.CurvesFile));
        var header = curves[0].Split(',');
        Assert.Contains("cmi_ld_bound_mean", header);
        Assert.Contains("supersample_gap_mean", header);
        Assert.DoesNotContain(header, h => h.StartsWith("mi_", StringComparison.Ordinal));
        foreach (var row in curves.Skip(1).Select(r => r.Split(',')))
        {
            var bound = double.Parse(row[Array.IndexOf(header, "cmi_ld_bound_mean")], CultureInfo.InvariantCulture);
            Assert.InRange(bound, 0, Math.Sqrt(2 * Math.Log(2)));
        }

        SqliteConnection.ClearAllPools();
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputs.Folder, ResultsFolder.SummaryFile)));
        var section = summary.RootElement.GetProperty("cmi_bound");
        Assert.True(section.GetProperty("certified").GetBoolean());
        Assert.Equal(0.05, section.GetProperty("delta").GetDouble());
        Assert.True(section.GetProperty("bound_above_supersample_gap_at_every_d").GetBoolean());
        Assert.Equal(JsonValueKind.Null, summary.RootElement.GetProperty("mi_term_estimate").ValueKind);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Waiter : ReceiveActor
    {
        public Waiter(TaskCompletionSource<SweepOutputsWritten> written) => Receive<SweepOutputsWritten>(m => written.TrySetResult(m));
    }
}
