using System.Text.Json.Nodes;
using Sweep.Actors.Hosting;
using Sweep.Cli.Hosting;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Core.Trials;
using Sweep.Dashboard.Sources;
using Sweep.Dashboard.Tests.Infrastructure;

namespace Sweep.Dashboard.Tests;

/// <summary>
/// A real sweep with a full-training baseline (<c>projection.kind: [orthonormal, none]</c>): the curves API carries
/// the baseline and d_int90 beside the points, a baseline trial's row says d = full with no bound (not NaN), and its
/// detail says why there is none; in chromium, the curve draws the baseline and d_int90 (screenshot in
/// TestResults/dashboard/baseline-sweep.png).
/// </summary>
public sealed class BaselineCurvesTests
{
    private const string Spec = """
        name: baseline-page
        seed: 3
        dataset: { name: synthetic, features: 8, classes: 3, separation: 4.0, pool_size: 900, train_size: 300, test_size: 300 }
        model: { kind: mlp, widths: [8, 16, 3] }
        projection: { kind: [orthonormal, none] }
        quantization: { levels: 16, range: 1.0 }
        training: { optimizer: adam, learning_rate: 0.05, epochs: 5, batch_size: 50 }
        grid: { d: [2, 8, 32], seeds: 2 }
        """;

    [Fact]
    public async Task Curves_carry_the_baseline_and_d_int90_and_baseline_rows_say_full_with_no_bound()
    {
        var folder = DashboardSpecs.Folder("baseline");
        var store = "sqlite:" + Path.Combine(folder, "sweep.db");
        var spec = DashboardSpecs.Write(folder, "baseline.yaml", Spec);
        var (code, output) = await SweepProcess.RunAsync(folder, "run", spec, "--store", store, "--slots", "1");
        Assert.True(code == 0, output);
        var sweepId = new SweepId(DashboardSpecs.After(output.Split('\n'), "sweep   "));

        var location = StoreLocation.Parse(store);
        await using var session = await StoreSession.OpenForReadingAsync(location, Path.Combine(folder, "results"), CancellationToken.None);
        await using var server = await DashboardServer.StartAsync(new JournalSource(session.Node.Coordinator, location), new DashboardOptions(Port: 0), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };

        var curves = JsonNode.Parse(await http.GetStringAsync($"api/sweeps/{sweepId}/curves"))!;
        Assert.Equal(3, curves["points"]!.AsArray().Count);
        var baseline = Assert.Single(curves["baselines"]!.AsArray())!;
        Assert.Equal(2, (int)baseline["seeds"]!);
        Assert.Equal((string)curves["points"]![0]!["series"]!, (string)baseline["series"]!);
        Assert.InRange((double)baseline["test_error"]!["mean"]!, 0, 1);
        Assert.StartsWith("none", (string)baseline["bound"]!);
        var dInt90 = Assert.Single(curves["d_int90"]!.AsArray())!;
        Assert.Equal(1 - (double)baseline["test_error"]!["mean"]!, (double)dInt90["baseline_accuracy"]!, precision: 12);

        var trials = JsonNode.Parse(await http.GetStringAsync($"api/sweeps/{sweepId}/trials"))!["trials"]!.AsArray();
        var full = trials.Where(t => (string)t!["axes"]!["d"]! == "full").ToList();
        Assert.Equal(2, full.Count);
        Assert.All(full, t => Assert.Null(t!["bound"]));
        Assert.All(full, t => Assert.NotNull(t!["test_error"]));

        var detail = JsonNode.Parse(await http.GetStringAsync($"api/sweeps/{sweepId}/trials/{(string)full[0]!["trial_id"]!}"))!;
        Assert.StartsWith("none", (string)detail["bound"]!["bound"]!);

        // On the page: the baseline's dashed line, and d_int90's vertical line where the API puts it.
        if (Chromium.IsInstalled)
        {
            await using var browser = await Chromium.StartAsync();
            await browser.Page.NavigateAsync(server.Address + "#/sweep/" + sweepId);
            await browser.Page.WaitForAsync("document.querySelector('#curves g.baseline line') !== null && document.querySelectorAll('#trial-table tbody tr').length === 8", TimeSpan.FromMinutes(2));
            if ((bool)dInt90["reached"]!)
            {
                var x = (double)(await browser.Page.EvaluateAsync("parseFloat(document.querySelector('#curves line.dint90').dataset.x)"))!;
                Assert.Equal((double)dInt90["value"]!, x, precision: 9);
            }

            await browser.Page.ScreenshotAsync(Path.Combine(DashboardSpecs.Artifacts, "baseline-sweep.png"));
        }
        Directory.Delete(folder, recursive: true);
    }
}
