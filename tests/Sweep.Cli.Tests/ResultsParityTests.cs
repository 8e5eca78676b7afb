using System.Text.Json.Nodes;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Reporting;

namespace Sweep.Cli.Tests;

/// <summary>
/// One writer of a results folder: the same MI sweep run embedded (the aggregator writes the folder) and over a
/// cluster of real processes on 127.0.0.1 (the client writes it from the journaled results) gives the same files,
/// byte for byte, MI bound included. Only wall times and the estimating node differ (summary.json's per-group
/// "seconds" and "estimated_on").
/// </summary>
public sealed class ResultsParityTests : IDisposable
{
    /// <summary><see cref="TestSpecs.Quick"/> with an mi block: at d = 4, 2 projections × 5 trainings on n = 30 samples.</summary>
    private static readonly string MiSpec = TestSpecs.Quick
        .Replace("name: quick", "name: quick-mi", StringComparison.Ordinal)
        .Replace("  train_size: 300", "  train_size: 30", StringComparison.Ordinal)
        .Replace("  batch_size: 50", "  batch_size: 10", StringComparison.Ordinal)
        .Replace("  seeds: 2", "mi:\n  trainings_per_projection: 5\n  projections: 2\n  k: 2\n  samples_per_trial: 4", StringComparison.Ordinal);

    private readonly TestCluster _cluster = new(TestSpecs.Folder("parity"));

    private string Folder => _cluster.Folder;

    [Fact]
    public async Task An_mi_sweep_writes_the_same_results_folder_embedded_and_over_a_cluster()
    {
        var spec = TestSpecs.Write(Folder, "mi.yaml", MiSpec);
        var (embeddedCode, embeddedOutput) = await SweepProcess.RunAsync(
            Folder, "run", spec, "--slots", "1", "--store", "sqlite:embedded.db", "--results", "embedded");
        Assert.True(embeddedCode == 0, embeddedOutput);
        var sweepId = KillAndResume.SweepIdIn(embeddedOutput);

        var port = TestCluster.FreePort();
        await _cluster.StartNode(port, "coordinator,trainer,estimator", "sqlite:cluster.db", seeds: null, extra: ["--results", "node"]);
        var (clusterCode, clusterOutput) = await SweepProcess.RunAsync(Folder, "run", spec, "--cluster", $"127.0.0.1:{port}", "--results", "client");
        Assert.True(clusterCode == 0, clusterOutput);
        Assert.Equal(sweepId, KillAndResume.SweepIdIn(clusterOutput));
        Assert.Contains("MI term (est.): ", clusterOutput, StringComparison.Ordinal); // printed from the report, as embedded

        var embedded = ResultsFolder.PathFor(Path.Combine(Folder, "embedded"), sweepId);
        var client = ResultsFolder.PathFor(Path.Combine(Folder, "client"), sweepId);
        string[] files = [ResultsFolder.TrialsFile, ResultsFolder.CurvesFile, ResultsFolder.SummaryFile, ResultsFolder.PlotPng, ResultsFolder.PlotSvg];
        // The embedded folder also names its store (sweep.json, for 'sweep resume <folder>'); a client of a cluster has none to name.
        Assert.Equal(files.Append(Hosting.SweepReference.FileName).Order(StringComparer.Ordinal), FileNames(embedded));
        Assert.Equal(files.Order(StringComparer.Ordinal), FileNames(client));

        foreach (var file in files.Where(f => f != ResultsFolder.SummaryFile))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(embedded, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(client, file))), $"{file} differs");
        }

        var summary = WithoutRunSpecifics(Path.Combine(embedded, ResultsFolder.SummaryFile));
        Assert.Equal(summary, WithoutRunSpecifics(Path.Combine(client, ResultsFolder.SummaryFile)));
        var mi = JsonNode.Parse(summary)!["mi_term_estimate"]!;
        Assert.Equal(2, mi["groups_estimated"]!.GetValue<int>()); // the bound the cluster's folder used to lack
        Assert.Contains("mi_term_estimate_mean", File.ReadLines(Path.Combine(client, ResultsFolder.CurvesFile)).First(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static IEnumerable<string> FileNames(string folder) =>
        Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    /// <summary>summary.json without what two runs may not share: the wall time each MI group took to estimate, and the node (address and port) that estimated it.</summary>
    private static string WithoutRunSpecifics(string path)
    {
        var summary = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var group in summary["mi_term_estimate"]!["groups"]!.AsArray())
        {
            Assert.True(group!.AsObject().Remove("seconds"), "a group without its wall time");
            Assert.StartsWith("akka.tcp://sweep@127.0.0.1:", group!["estimated_on"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(group.AsObject().Remove("estimated_on"));
        }

        return summary.ToJsonString();
    }
}
