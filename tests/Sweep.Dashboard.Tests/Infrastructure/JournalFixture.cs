using Akka.Actor;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Core.Trials;
using Sweep.Dashboard.Sources;

namespace Sweep.Dashboard.Tests.Infrastructure;

/// <summary>
/// A journal written by a real <c>sweep run</c> of <see cref="DashboardSpecs.Quick"/> (6 trials done, 6 diverged), opened
/// read-only as <c>sweep dashboard --store</c> opens it, with a dashboard on a free loopback port over it.
/// </summary>
public sealed class JournalFixture : IAsyncLifetime
{
    public string Folder { get; } = DashboardSpecs.Folder("api");

    public string Store => "sqlite:" + Path.Combine(Folder, "sweep.db");

    public SweepId SweepId { get; private set; }

    public StoreSession Session { get; private set; } = null!;

    public DashboardServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>What the journal holds, asked of the read-only coordinator directly.</summary>
    public SweepResults Results { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var spec = DashboardSpecs.Write(Folder, "quick.yaml", DashboardSpecs.Quick);
        var (code, output) = await SweepProcess.RunAsync(Folder, "run", spec, "--store", Store, "--slots", "1", "--max-attempts", "1");
        Assert.True(code == 1, $"6 of 12 trials diverge, so exit 1:\n{output}");
        SweepId = new SweepId(DashboardSpecs.After(output.Split('\n'), "sweep   "));
        var location = StoreLocation.Parse(Store);
        Session = await StoreSession.OpenForReadingAsync(location, Path.Combine(Folder, "results"), CancellationToken.None);
        Results = (SweepResults)await Session.Node.Coordinator.Ask<ISweepWire>(new GetSweepResults(SweepId), TimeSpan.FromSeconds(60));
        Server = await DashboardServer.StartAsync(new JournalSource(Session.Node.Coordinator, location), new DashboardOptions(Port: 0), CancellationToken.None);
        Http = new HttpClient { BaseAddress = Server.Address };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Session.DisposeAsync();
    }
}

/// <summary>One journal for the API and token tests: the sweep behind it trains once.</summary>
[CollectionDefinition(Name)]
public sealed class JournalCollection : ICollectionFixture<JournalFixture>
{
    public const string Name = "journal";
}
