using System.Net;
using System.Text.Json.Nodes;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Core.Statistics;
using Sweep.Dashboard.Tests.Infrastructure;

namespace Sweep.Dashboard.Tests;

/// <summary>Every endpoint's JSON against what the journal of a real sweep holds.</summary>
[Collection(JournalCollection.Name)]
public sealed class ApiTests(JournalFixture journal)
{
    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await journal.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task Sweeps_lists_the_journal_in_the_shape_of_sweep_list_json()
    {
        var sweeps = await GetAsync("/api/sweeps");
        var (code, output) = await SweepProcess.RunAsync(journal.Folder, "list", "--store", journal.Store, "--json");
        Assert.Equal(0, code);
        var listed = JsonNode.Parse(output)!["sweeps"]!.AsArray().Single()!;
        var row = sweeps["sweeps"]!.AsArray().Single()!;
        foreach (var field in new[] { "sweep_id", "name", "state", "total", "done", "failed", "pending", "submitted_at" })
        {
            Assert.Equal(listed[field]!.ToJsonString(), row[field]!.ToJsonString());
        }

        Assert.Equal("finished", (string)row["state"]!);
        Assert.Equal(12, (int)row["total"]!);
        Assert.Equal(6, (int)row["done"]!);
        Assert.Equal(6, (int)row["failed"]!);
        Assert.Equal(0, (double)row["eta_seconds"]!);
        Assert.StartsWith("store sqlite:", (string)sweeps["source"]!);
        Assert.False((bool)sweeps["allow_control"]!);
    }

    [Fact]
    public async Task Sweep_names_its_axes_their_values_and_the_counts_by_state()
    {
        var sweep = await GetAsync($"/api/sweeps/{journal.SweepId}");
        Assert.Equal(["d", "seed", "learning_rate"], sweep["axes"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(["2", "4", "8"], sweep["axis_values"]!["d"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(["0.5", "1E+30"], sweep["axis_values"]!["learning_rate"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(6, (int)sweep["counts"]!["done"]!);
        Assert.Equal(6, (int)sweep["counts"]!["failed"]!);
        Assert.Equal("d", (string)sweep["curve_axis"]!);
        Assert.Equal(0.5, (double)sweep["sigma"]!);
    }

    [Fact]
    public async Task Trials_carry_the_journal_results_and_failure_reasons()
    {
        var page = await GetAsync($"/api/sweeps/{journal.SweepId}/trials");
        var trials = page["trials"]!.AsArray().Select(t => t!).ToList();
        Assert.Equal(12, trials.Count);
        Assert.False((bool)page["more"]!);
        foreach (var result in journal.Results.Completed)
        {
            var row = trials.Single(t => (string)t["trial_id"]! == result.Config.Id.Value);
            Assert.Equal("done", (string)row["state"]!);
            Assert.Equal(result.Config.IntrinsicDimension, (int)row["d"]!);
            Assert.Equal(result.Metrics.TestError, (double)row["test_error"]!);
            Assert.Equal(result.Gap, (double)row["gap"]!, 12);
            Assert.Equal(result.QuantizationBoundValue, (double)row["bound"]!, 12);
            Assert.NotNull((string?)row["node"]);
        }

        foreach (var failed in journal.Results.Failed)
        {
            var row = trials.Single(t => (string)t["trial_id"]! == failed.Config.Id.Value);
            Assert.Equal("failed", (string)row["state"]!);
            Assert.Equal(failed.Reason, (string)row["error"]!);
            Assert.Contains("NaN", (string)row["error"]!);
            Assert.Equal("1E+30", (string)row["axes"]!["learning_rate"]!);
        }

        var failedOnly = await GetAsync($"/api/sweeps/{journal.SweepId}/trials?state=failed");
        Assert.Equal(6, failedOnly["trials"]!.AsArray().Count);
    }

    [Fact]
    public async Task Trials_after_the_cursor_are_only_what_changed_and_pages_cover_every_trial_once()
    {
        var seen = new List<string>();
        long cursor = 0;
        var pages = 0;
        bool more;
        do
        {
            var page = await GetAsync($"/api/sweeps/{journal.SweepId}/trials?after={cursor}&limit=5");
            seen.AddRange(page["trials"]!.AsArray().Select(t => (string)t!["trial_id"]!));
            cursor = (long)page["cursor"]!;
            more = (bool)page["more"]!;
            pages++;
        }
        while (more && pages < 20);

        Assert.Equal(12, seen.Distinct().Count());
        var nothingNew = await GetAsync($"/api/sweeps/{journal.SweepId}/trials?after={cursor}");
        Assert.Empty(nothingNew["trials"]!.AsArray());
        Assert.Equal(cursor, (long)nothingNew["cursor"]!);
    }

    [Fact]
    public async Task Trial_detail_has_settings_seeds_metrics_and_bound()
    {
        var result = journal.Results.Completed[0];
        var detail = await GetAsync($"/api/sweeps/{journal.SweepId}/trials/{result.Config.Id}");
        Assert.Equal(result.Config.Seeds.Projection.ToString(), (string)detail["seeds"]!["projection"]!);
        Assert.Equal(result.Config.Training.LearningRate, (double)detail["settings"]!["training"]!["learning_rate"]!);
        Assert.Equal(result.Metrics.TrainError, (double)detail["metrics"]!["train_error"]!);
        Assert.Equal(result.InformationNats, (double)detail["bound"]!["information_nats"]!, 12);

        var failed = journal.Results.Failed[0];
        var failedDetail = await GetAsync($"/api/sweeps/{journal.SweepId}/trials/{failed.Config.Id}");
        Assert.Equal(failed.Reason, (string)failedDetail["trial"]!["error"]!);
        Assert.Null(failedDetail["metrics"]);
    }

    [Fact]
    public async Task Curves_are_the_mean_and_interval_over_seeds_per_d()
    {
        var curves = await GetAsync($"/api/sweeps/{journal.SweepId}/curves");
        var expected = BoundCurves.For(journal.Results.Completed);
        var points = curves["points"]!.AsArray();
        Assert.Equal(expected.Count, points.Count);
        Assert.Equal([2.0, 4.0, 8.0], points.Select(p => (double)p!["x"]!).ToArray());
        foreach (var (p, e) in points.Zip(expected))
        {
            Assert.Equal(e.Series, (string)p!["series"]!);
            Assert.Equal(2, (int)p["seeds"]!);
            Assert.Equal(e.TestError.Mean, (double)p["test_error"]!["mean"]!, 12);
            Assert.Equal(e.Bound.High, (double)p["bound"]!["ci_high"]!, 12);
            Assert.Equal(e.Gap.Low, (double)p["gap"]!["ci_low"]!, 12);
        }
    }

    [Fact]
    public async Task Cluster_of_a_journal_has_no_members_and_the_slots_its_trials_ran_on()
    {
        var cluster = await GetAsync("/api/cluster");
        Assert.Empty(cluster["members"]!.AsArray());
        var node = cluster["nodes"]!.AsArray().Single()!;
        Assert.Equal(6, (int)node["done"]!);
        Assert.False((bool)node["up"]!);
    }

    [Fact]
    public async Task Events_stream_the_sweeps_as_server_sent_events()
    {
        using var response = await journal.Http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: state", await reader.ReadLineAsync());
        var data = (await reader.ReadLineAsync())!;
        Assert.StartsWith("data: ", data);
        Assert.Equal(journal.SweepId.Value, (string)JsonNode.Parse(data["data: ".Length..])!["sweeps"]![0]!["sweep_id"]!);
    }

    [Fact]
    public async Task Unknown_sweeps_trials_and_states_are_refused()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await journal.Http.GetAsync("/api/sweeps/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await journal.Http.GetAsync($"/api/sweeps/{journal.SweepId}/trials/t-000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await journal.Http.GetAsync($"/api/sweeps/{journal.SweepId}/trials?state=sleeping")).StatusCode);
    }

    [Fact]
    public async Task Control_is_refused_when_read_only()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sweeps/{journal.SweepId}/pause");
        request.Headers.Add("X-Sweep-Control", "1");
        Assert.Equal(HttpStatusCode.Forbidden, (await journal.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Page_and_scripts_are_served_from_the_assembly()
    {
        var html = await journal.Http.GetStringAsync("/");
        Assert.Contains("<script src=\"/app.js\"></script>", html);
        Assert.DoesNotContain("http", html.Replace("http-equiv", ""), StringComparison.OrdinalIgnoreCase); // nothing from elsewhere
        foreach (var file in new[] { "/app.js", "/chart.js", "/trials.js", "/views.js", "/util.js", "/app.css" })
        {
            using var response = await journal.Http.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_foreign_host_name_is_refused_on_loopback()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps");
        request.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.Forbidden, (await journal.Http.SendAsync(request)).StatusCode);
    }
}
