using System.Net;
using System.Net.Http.Headers;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Dashboard.Sources;
using Sweep.Dashboard.Tests.Infrastructure;

namespace Sweep.Dashboard.Tests;

/// <summary>Bound beyond loopback, the dashboard needs its token for the page and the API alike.</summary>
[Collection(JournalCollection.Name)]
public sealed class TokenTests(JournalFixture journal)
{
    [Fact]
    public async Task Binding_beyond_loopback_without_a_token_is_refused()
    {
        var source = new JournalSource(journal.Session.Node.Coordinator, Actors.Hosting.StoreLocation.Parse(journal.Store));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => DashboardServer.StartAsync(source, new DashboardOptions("0.0.0.0", 0), CancellationToken.None));
        Assert.Contains("token", e.Message);
    }

    [Fact]
    public async Task Requests_without_the_token_get_401_and_with_it_the_page_and_api()
    {
        var source = new JournalSource(journal.Session.Node.Coordinator, Actors.Hosting.StoreLocation.Parse(journal.Store));
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions("0.0.0.0", 0, "s3cret-token"), CancellationToken.None);
        var port = server.Address.Port;
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        foreach (var path in new[] { "/", "/app.js", "/api/sweeps", $"/api/sweeps/{journal.SweepId}/trials", "/api/cluster", "/api/events" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/sweeps?token=wrong")).StatusCode);

        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps"))
        {
            bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
        }

        // The printed link carries the token; the page then lives on the cookie it sets.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/?token=s3cret-token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sweeps/{journal.SweepId}/curves")).StatusCode);
        Assert.EndsWith("?token=s3cret-token", server.Link);
    }

    [Fact]
    public async Task Sweep_dashboard_off_loopback_prints_a_fresh_token_and_enforces_it()
    {
        using var dashboard = SweepProcess.Start(journal.Folder, "dashboard", "--store", journal.Store, "--host", "0.0.0.0", "--port", "0");
        await dashboard.WaitForLineAsync(l => l.StartsWith("dashboard http", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var link = new Uri(DashboardSpecs.After(dashboard.Lines, "dashboard"));
        Assert.StartsWith("?token=", link.Query);
        Assert.True(link.Query.Length > "?token=".Length + 20, link.Query);
        using var http = new HttpClient();
        var api = new Uri($"http://127.0.0.1:{link.Port}/api/sweeps");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(api + link.Query)).StatusCode);
    }

    [Fact]
    public async Task Sweep_dashboard_refuses_contact_with_store()
    {
        var (code, output) = await SweepProcess.RunAsync(journal.Folder, "dashboard", "--store", journal.Store, "--contact", "127.0.0.1:1");
        Assert.Equal(2, code);
        Assert.Contains("do not go together", output);
    }
}
