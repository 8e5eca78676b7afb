using System.Text.Json.Nodes;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Dashboard.Tests.Infrastructure;

namespace Sweep.Dashboard.Tests;

/// <summary>
/// The page in a real browser (Debian's chromium, headless, over the DevTools protocol) while a real embedded sweep
/// trains, then over its journal once it ended. Screenshots land in TestResults/dashboard/.
/// </summary>
public sealed class BrowserTests
{
    /// <summary>Generous: a node's start and a page's first listing on a busy machine. Not a measure of speed.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Page_of_a_running_sweep_shows_it_live_with_failures_then_the_journal_shows_one_point_per_d()
    {
        Skip.IfNot(Chromium.IsInstalled, "chromium is not installed (apt-get install -y chromium)");
        var folder = DashboardSpecs.Folder("browser");
        var db = "sqlite:" + Path.Combine(folder, "sweep.db");
        var spec = DashboardSpecs.Write(folder, "live.yaml", DashboardSpecs.Live);
        using var run = await RunWithBrowserAsync(folder, spec, db);
        var url = DashboardSpecs.After(run.Process.Lines, "dashboard");
        var sweepId = DashboardSpecs.After(run.Process.Lines, "sweep   ");

        await using (run.Browser)
        {
            var page = run.Browser.Page;
            await page.NavigateAsync(url);
            await page.WaitForAsync($"document.querySelector('tr.sweep-row[data-sweep=\"{sweepId}\"]')", Wait);
            Assert.Contains("live", (string)(await page.EvaluateAsync($"document.querySelector('tr.sweep-row[data-sweep=\"{sweepId}\"]').innerText"))!);
            await page.ScreenshotAsync(Path.Combine(DashboardSpecs.Artifacts, "sweeps.png"));

            // Into the sweep without a reload (the marker survives only in the same document).
            await page.EvaluateAsync($"window.__sameDocument = 42; location.hash = '#/sweep/{sweepId}'; true");
            await page.WaitForAsync("document.querySelectorAll('#trial-table tbody tr').length === 12", Wait);
            var doneAtFirst = (int)(await page.EvaluateAsync("document.querySelectorAll('#trial-table tr.t-done').length"))!;
            Assert.True(doneAtFirst < 6, $"the sweep finished ({doneAtFirst} done) before the page could watch a trial complete");

            // A trial completing shows up by the event stream alone, within seconds of the run reporting it.
            await run.Process.WaitForLineAsync(l => Done(l) > doneAtFirst, TimeSpan.FromMinutes(3));
            await page.WaitForAsync($"document.querySelectorAll('#trial-table tr.t-done').length > {doneAtFirst}", TimeSpan.FromSeconds(10));
            Assert.Equal(42, (int)(await page.EvaluateAsync("window.__sameDocument"))!);

            // The diverging half fails with its reason in the table.
            await page.WaitForAsync("[...document.querySelectorAll('#trial-table tr.t-failed')].some(tr => tr.innerText.includes('NaN'))", Wait);

            // The curve has one point per d that has a completed trial, on each drawn quantity.
            await page.WaitForAsync(
                "(() => { const ds = new Set([...document.querySelectorAll('#trial-table tr.t-done')].map(tr => tr.children[2].innerText));" +
                " const xs = [...document.querySelectorAll('#curves svg circle.pt[data-q=\"test_error\"]')].map(c => c.dataset.x);" +
                " return ds.size > 0 && xs.length === ds.size && xs.every(x => ds.has(x)); })()",
                Wait);
            await page.ScreenshotAsync(Path.Combine(DashboardSpecs.Artifacts, "sweep-running.png"));

            // A failed trial's detail: its error, settings and seeds.
            await page.EvaluateAsync("document.querySelector('#trial-table tr.t-failed a').click(); true");
            await page.WaitForAsync("document.querySelector('#trial-detail .error-box') && document.querySelector('#trial-detail .error-box').innerText.includes('NaN')", Wait);
            Assert.Contains("1E+30", (string)(await page.EvaluateAsync("document.querySelector('#trial-detail').innerText"))!, StringComparison.OrdinalIgnoreCase);
            await page.ScreenshotAsync(Path.Combine(DashboardSpecs.Artifacts, "trial-failed.png"));
        }

        Assert.Equal(1, await run.Process.WaitAsync(TimeSpan.FromMinutes(5))); // 6 trials failed every attempt

        using var dashboard = SweepProcess.Start(folder, "dashboard", "--store", db, "--port", "0");
        await dashboard.WaitForLineAsync(l => l.StartsWith("dashboard http", StringComparison.Ordinal), Wait);
        await using (var browser = await Chromium.StartAsync())
        {
            var page = browser.Page;
            await page.NavigateAsync(DashboardSpecs.After(dashboard.Lines, "dashboard") + "#/sweep/" + sweepId);
            await page.WaitForAsync("document.querySelectorAll('#curves svg circle.pt[data-q=\"bound\"]').length > 0", Wait);
            foreach (var quantity in new[] { "train_error", "test_error", "gap", "bound", "test_error_bound" })
            {
                var xs = (await page.EvaluateAsync($"[...document.querySelectorAll('#curves svg circle.pt[data-q=\"{quantity}\"]')].map(c => c.dataset.x)"))!.AsArray();
                Assert.Equal(["2", "4", "8"], xs.Select(x => (string)x!).ToArray());
            }

            Assert.Equal("finished", (string)(await page.EvaluateAsync("document.querySelector('#sweep-head .badge').innerText"))!);
            Assert.Equal(6, (int)(await page.EvaluateAsync("document.querySelectorAll('#trial-table tr.t-failed').length"))!);
            await page.ScreenshotAsync(Path.Combine(DashboardSpecs.Artifacts, "sweep-finished.png"));
        }
    }

    /// <summary>The done count of a progress line "12:00:01 live: 3/12 done · …", else -1.</summary>
    private static int Done(string line) =>
        System.Text.RegularExpressions.Regex.Match(line, @" (\d+)/12 done") is { Success: true } m ? int.Parse(m.Groups[1].Value) : -1;

    /// <summary>The browser starts first, so its start-up does not eat into the sweep's running time.</summary>
    private static async Task<Running> RunWithBrowserAsync(string folder, string spec, string db)
    {
        var browser = await Chromium.StartAsync();
        var run = SweepProcess.Start(folder, "run", spec, "--store", db, "--slots", "1", "--max-attempts", "1", "--dashboard", "0");
        try
        {
            await run.WaitForLineAsync(l => l.StartsWith("dashboard http", StringComparison.Ordinal), Wait);
            return new Running(run, browser);
        }
        catch
        {
            run.Dispose();
            await browser.DisposeAsync();
            throw;
        }
    }

    private sealed record Running(SweepProcess Process, Chromium Browser) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }
}
