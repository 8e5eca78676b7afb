using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;
using Sweep.Reporting;

namespace Sweep.Actors.Tests.EndToEnd;

/// <summary>The tiny synthetic sweep with the full-training baseline beside it, through the production wiring.</summary>
public sealed class BaselineSweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-baseline-").FullName;

    [Fact]
    public async Task Baseline_trials_get_their_own_rows_and_the_summary_gets_d_int90()
    {
        var yaml = Samples.SyntheticYaml.Contains("projection:", StringComparison.Ordinal)
            ? Samples.SyntheticYaml.Replace("kind: orthonormal", "kind: [orthonormal, none]", StringComparison.Ordinal)
            : Samples.SyntheticYaml + "projection:\n  kind: [orthonormal, none]\n";
        var spec = Samples.Spec(yaml);
        var options = new NodeOptions
        {
            Store = StoreLocation.Parse("sqlite:" + Path.Combine(_folder, "journal.db")),
            Slots = ["cpu", "cpu"],
            Settings = new SweepSettings(SnapshotEvery: 3, MaxAttempts: 2, ResultsRoot: Path.Combine(_folder, "results")),
        };
        using var host = await EmbeddedSweepTests.StartAsync(options);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
        var written = new TaskCompletionSource<SweepOutputsWritten>();
        var probe = system.ActorOf(Props.Create(() => new EmbeddedSweepTests.Forwarder<SweepOutputsWritten>(written)));
        system.EventStream.Subscribe(probe, typeof(SweepOutputsWritten));

        var accepted = Assert.IsType<SweepAccepted>(await coordinator.Ask<ISweepWire>(new SubmitSweep(spec, yaml, 2), TimeSpan.FromSeconds(60)));
        var outputs = await written.Task.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(6, accepted.Total); // 2 d × 2 seeds + 2 baselines
        Assert.Equal(6, outputs.Status.Done);
        var rows = File.ReadAllLines(Path.Combine(outputs.Folder, ResultsFolder.TrialsFile)).Skip(1).ToList();
        var baselineRows = rows.Where(r => r.Contains(",none,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, baselineRows.Count);
        Assert.All(baselineRows, r => Assert.Contains(TrialResult.NoBoundReason, r, StringComparison.Ordinal));
        var curves = File.ReadAllLines(Path.Combine(outputs.Folder, ResultsFolder.CurvesFile));
        Assert.Single(curves, c => c.Contains(",baseline,", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputs.Folder, ResultsFolder.SummaryFile)));
        var baseline = Assert.Single(summary.RootElement.GetProperty("baseline").EnumerateArray());
        Assert.Equal(2, baseline.GetProperty("seeds").GetInt32());
        Assert.InRange(baseline.GetProperty("test_accuracy").GetDouble(), 0.5, 1);
        var dInt90 = Assert.Single(summary.RootElement.GetProperty("d_int90").EnumerateArray());
        Assert.True(dInt90.GetProperty("note").GetString()!.Length > 0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
