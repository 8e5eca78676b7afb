using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sweep.Dashboard.Api;
using Sweep.Dashboard.Model;
using Sweep.Dashboard.Sources;

namespace Sweep.Dashboard;

/// <summary>
/// The dashboard's web server (Kestrel, minimal APIs) over a source: the page, the JSON API and the event stream.
/// Started by <c>sweep dashboard</c> and by <c>sweep run --dashboard</c>; stops with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SweepTracker _tracker;

    private DashboardServer(WebApplication app, SweepTracker tracker, Uri address, DashboardOptions options)
    {
        _app = app;
        _tracker = tracker;
        Address = address;
        Options = options;
    }

    /// <summary>The address it listens on, e.g. http://127.0.0.1:5317/ (the real port when asked for 0).</summary>
    public Uri Address { get; }

    public DashboardOptions Options { get; }

    /// <summary>The link to open: the address, with the token where one is needed.</summary>
    public string Link => Options.Token is null ? Address.ToString() : $"{Address}?token={Uri.EscapeDataString(Options.Token)}";

    public static JsonSerializerOptions Json { get; } = Configure(new JsonSerializerOptions());

    /// <exception cref="ArgumentException">Options <see cref="DashboardOptions.Validate"/> refuses.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<DashboardServer> StartAsync(IDashboardSource source, DashboardOptions options, CancellationToken cancellationToken, TimeSpan? interval = null)
    {
        var ip = options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(ip, options.Port));
        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        var app = builder.Build();
        var tracker = await SweepTracker.StartAsync(source, interval ?? TimeSpan.FromSeconds(1), cancellationToken);
        var gate = new TokenGate(options.Token, options.IsLoopback);
        app.Use(gate.InvokeAsync);
        app.MapStaticPage();
        app.MapSweepEndpoints(tracker, options);
        app.MapLiveEndpoints(tracker, options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await tracker.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        return new DashboardServer(app, tracker, new Uri($"http://{host}:{port}/"), options);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Open event streams are cut off.
        }

        await _tracker.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.DictionaryKeyPolicy = null;
        o.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        o.Converters.Add(new JsonStringEnumConverter());
        o.Converters.Add(new Actors.Serialization.IdConverters.TrialIdConverter());
        o.Converters.Add(new Actors.Serialization.IdConverters.SweepIdConverter());
        return o;
    }
}
