using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Dashboard.Tests.Infrastructure;

namespace Sweep.Dashboard.Tests;

/// <summary>
/// The page of a large sweep stays usable: a real sweep of <c>simulate</c> trials (no training, metrics drawn from the
/// seeds) runs through a real node process with a SQLite journal, then <c>sweep dashboard --store</c> serves it to a
/// real headless chromium. The table lists every trial and pages, an axis filter narrows it, the curve draws one point
/// per d. 1,000 trials here (250 seeds, enough for the seed filter to become a text box); <c>scripts/bench-dashboard</c> runs the same test at 100,000 (SWEEP_LARGE_TRIALS) and
/// records the figures it writes to TestResults/dashboard/large-sweep-&lt;n&gt;.json. Nothing here is a timing
/// assertion: the waits are generous limits for a busy machine, the times are only recorded.
/// </summary>
public sealed class LargeSweepPageTests
{
    private static readonly int[] Dims = [2, 4, 8, 16];

    private static int Trials =>
        int.TryParse(Environment.GetEnvironmentVariable("SWEEP_LARGE_TRIALS"), out var n) && n >= Dims.Length ? n / Dims.Length * Dims.Length : 1_000;

    [SkippableFact]
    public async Task Page_of_a_large_simulated_sweep_lists_pages_filters_and_draws_its_curve()
    {
        Skip.IfNot(Chromium.IsInstalled, "chromium is not installed (apt-get install -y chromium)");
        var trials = Trials;
        var wait = TimeSpan.FromMinutes(5 + trials / 10_000);
        var folder = DashboardSpecs.Folder("large");
        var db = "sqlite:" + Path.Combine(folder, "sweep.db");
        var spec = DashboardSpecs.Write(folder, "large.yaml", Spec(trials));
        var figures = new JsonObject { ["trials"] = trials };

        var port = FreePort();
        var clock = Stopwatch.StartNew();
        using (var node = SweepProcess.Start(folder, "node", "--roles", "coordinator,trainer", "--port", port.ToString(), "--slots", "4", "--simulate", "0", "--store", db, "--results", Path.Combine(folder, "results")))
        {
            await node.WaitForLineAsync(l => l.StartsWith("up ", StringComparison.Ordinal), wait);
            var (code, output) = await SweepProcess.RunAsync(folder, "run", spec, "--cluster", "127.0.0.1:" + port, "--results", Path.Combine(folder, "results"));
            Assert.True(code == 0, output);
            figures["run_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
            node.Kill();
        }

        using var dashboard = SweepProcess.Start(folder, "dashboard", "--store", db, "--port", "0");
        await dashboard.WaitForLineAsync(l => l.StartsWith("dashboard http", StringComparison.Ordinal), wait);
        var address = new Uri(DashboardSpecs.After(dashboard.Lines, "dashboard"));
        using var http = new HttpClient { BaseAddress = address, Timeout = wait };
        var sweepId = (string)(await GetJsonAsync(http, "api/sweeps"))["sweeps"]![0]!["sweep_id"]!;

        // The API: every trial in pages of 5,000 by cursor, then the curve.
        clock.Restart();
        var (listed, pages) = (0, 0);
        for (var cursor = 0L; ; pages++)
        {
            var page = await GetJsonAsync(http, $"api/sweeps/{sweepId}/trials?after={cursor}");
            listed += page["trials"]!.AsArray().Count;
            cursor = (long)page["cursor"]!;
            if (!(bool)page["more"]!)
            {
                pages++;
                break;
            }
        }

        figures["api_list_all_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        figures["api_pages"] = pages;
        Assert.Equal(trials, listed);
        Assert.Equal((trials + 4_999) / 5_000, pages); // pages of 5,000 even though a journal read at once gives every row one version
        clock.Restart();
        var curves = await GetJsonAsync(http, $"api/sweeps/{sweepId}/curves");
        figures["api_curves_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        Assert.Equal(trials, (int)curves["completed"]!);
        Assert.Equal(Dims.Length, curves["points"]!.AsArray().Count);

        await using var browser = await Chromium.StartAsync();
        var view = browser.Page;
        clock.Restart();
        await view.NavigateAsync(address + "#/sweep/" + sweepId);
        var all = $"1–50 of {trials}";
        await view.WaitForAsync($"document.querySelectorAll('#trial-table tbody tr').length === 50 && document.querySelector('.pager .range').innerText === '{all}'", wait);
        figures["page_table_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        await view.WaitForAsync($"document.querySelectorAll('#curves svg circle.pt[data-q=\"test_error\"]').length === {Dims.Length}", wait);
        figures["page_curve_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        var xs = (await view.EvaluateAsync("[...document.querySelectorAll('#curves svg circle.pt[data-q=\"test_error\"]')].map(c => c.dataset.x)"))!.AsArray();
        Assert.Equal(Dims.Select(d => d.ToString()).ToArray(), xs.Select(x => (string)x!).ToArray());
        await view.ScreenshotAsync(Path.Combine(DashboardSpecs.Artifacts, $"large-sweep-{trials}.png"));

        // Paging, the last page, and a filter on d: each answered from the rows the page holds.
        clock.Restart();
        await view.EvaluateAsync("[...document.querySelectorAll('.pager button')].find(b => b.innerText.startsWith('next')).click(); true");
        await view.WaitForAsync($"document.querySelector('.pager .range').innerText === '51–100 of {trials}'", wait);
        await view.EvaluateAsync("[...document.querySelectorAll('.pager button')].find(b => b.innerText === '»').click(); true");
        var lastFrom = (trials - 1) / 50 * 50 + 1;
        await view.WaitForAsync($"document.querySelector('.pager .range').innerText === '{lastFrom}–{trials} of {trials}'", wait);
        await view.EvaluateAsync("(() => { const s = document.querySelector('select[data-axis=\"d\"]'); s.value = '4'; s.dispatchEvent(new Event('change')); return true; })()");
        await view.WaitForAsync($"document.querySelector('.pager .range').innerText === '1–50 of {trials / Dims.Length}'", wait);
        Assert.True((bool)(await view.EvaluateAsync("[...document.querySelectorAll('#trial-table tbody tr')].every(tr => tr.children[2].innerText === '4')"))!);

        // Hundreds of seeds: a text box rather than a menu of every seed.
        await view.EvaluateAsync("(() => { const s = document.querySelector('input[data-axis=\"seed\"]'); s.value = '7'; s.dispatchEvent(new Event('change')); return true; })()");
        await view.WaitForAsync("document.querySelector('.pager .range').innerText === '1–1 of 1'", wait);
        figures["page_next_last_filter_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        await view.ScreenshotAsync(Path.Combine(DashboardSpecs.Artifacts, $"large-sweep-{trials}-filtered.png"));

        Directory.CreateDirectory(DashboardSpecs.Artifacts);
        await File.WriteAllTextAsync(Path.Combine(DashboardSpecs.Artifacts, $"large-sweep-{trials}.json"), figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A grid of d × seeds on a tiny synthetic model (D = 30); the simulate kind never trains it.</summary>
    private static string Spec(int trials) => $$"""
        name: large
        seed: 5
        dataset: { name: synthetic, features: 4, classes: 2, pool_size: 100, train_size: 50, test_size: 50 }
        model: { kind: mlp, widths: [4, 4, 2] }
        projection: { kind: orthonormal }
        quantization: { levels: 16, range: 1.0 }
        training: { optimizer: adam, learning_rate: 0.01, epochs: 1, batch_size: 10 }
        grid: { d: [{{string.Join(", ", Dims)}}], seeds: {{trials / Dims.Length}} }
        """;

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string path) =>
        JsonNode.Parse(await http.GetStringAsync(path))!;

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
