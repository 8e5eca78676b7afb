using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Actors.Trainers;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Core.Specs;

// The embedded dispatch benchmark of issue 15 (run by scripts/bench-dispatch): 0-ms `simulate` trials through the
// production wiring of one process (SweepNodeHosting: the coordinator singleton, its ledger, the trainers, on a
// single-node cluster), with Akka's in-memory journal as the baseline measured in the same run, then the SQLite file
// (WAL) and a real PostgreSQL server on 127.0.0.1 (fsync on). Throughput = trials / (submit → last trial durable).
// `status-probe <contact> <sweep-id> <file>` is the status poller of scripts/bench-large-sweep (StatusProbe.cs).

if (args is ["status-probe", var contact, var sweepId, var output])
{
    return await StatusProbe.RunAsync(contact, sweepId, output);
}

var trials = int.Parse(Arg("--trials") ?? "5000");
var slots = int.Parse(Arg("--slots") ?? "8");
var repeats = int.Parse(Arg("--repeats") ?? "3");
var withPostgres = !args.Contains("--no-postgres");
var folder = Directory.CreateTempSubdirectory("sweep-bench-dispatch-").FullName;

Console.WriteLine($"# embedded dispatch benchmark · {Environment.ProcessorCount} cores · load {Load()} · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"{trials} `simulate` trials of 0 ms, {slots} trainer slots, one process; best and median of {repeats} runs after a warm-up; every trial persisted twice (started, completed)");
Console.WriteLine();
Console.WriteLine("| journal | best trials/s | median trials/s | median ÷ in-memory | CPU ms per trial (submit → last trial durable) |");
Console.WriteLine("|---|---|---|---|---|");

using var postgres = withPostgres ? PostgresServer.Durable() : null;
var stores = new List<(string Name, Func<int, NodeOptions> Options)>
{
    ("in-memory (baseline)", run => Node(StoreLocation.Parse("sqlite:" + Path.Combine(folder, $"unused-{run}.db")), InMemoryOverlay())),
    ("SQLite file (WAL)", run => Node(StoreLocation.Parse("sqlite:" + Path.Combine(folder, $"dispatch-{run}.db")))),
};
if (postgres is { Unavailable: null })
{
    stores.Add(("PostgreSQL (127.0.0.1, fsync on)", _ => Node(StoreLocation.Parse(postgres.NewStore()))));
}
else if (postgres is not null)
{
    Console.Error.WriteLine($"bench-dispatch: no PostgreSQL ({postgres.Unavailable}); SQLite only");
}

double? baseline = null;
var runId = 0;
foreach (var (name, options) in stores)
{
    await Measure(options(runId++), Math.Max(200, trials / 10)); // warm-up: tables, JIT, connection pools
    var rates = new List<double>();
    var cpu = TimeSpan.Zero;
    for (var r = 0; r < repeats; r++)
    {
        var (rate, used) = await Measure(options(runId++), trials);
        rates.Add(rate);
        cpu += used;
    }

    var cpuPerTrial = cpu.TotalMilliseconds / (repeats * trials);

    rates.Sort();
    var median = rates[rates.Count / 2];
    baseline ??= median;
    Console.WriteLine($"| {name} | {rates[^1]:N0} | {median:N0} | {median / baseline:F2}× | {cpuPerTrial:F2} |");
}

Directory.Delete(folder, recursive: true);
return 0;

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

NodeOptions Node(StoreLocation store, params string[] configFiles) => new()
{
    Store = store,
    Slots = NodeOptions.CpuSlots(slots),
    Settings = new SweepSettings(int.Parse(Arg("--snapshot-every") ?? SweepSettings.DefaultSnapshotEvery.ToString()), 1, Path.Combine(folder, "results")),
    ConfigFiles = configFiles,
};

string InMemoryOverlay()
{
    var path = Path.Combine(folder, "inmem.conf");
    File.WriteAllText(path, """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);
    return path;
}

async Task<(double PerSecond, TimeSpan Cpu)> Measure(NodeOptions options, int count)
{
    if (options.ConfigFiles.Count == 0)
    {
        (await StorePreflight.OpenForWritingAsync(options.Store, mustExist: false, CancellationToken.None)).Dispose(); // as sweep run does (SQLite: WAL)
    }

    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Logging.ClearProviders();
    builder.Services.AddSweepNode(options, _ => new SimulatedTrialExecutor(TimeSpan.Zero));
    using var host = builder.Build();
    await host.StartAsync();
    var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
    var spec = SpecReader.Read($$"""
        name: dispatch-{{Guid.NewGuid().ToString("N")[..8]}}
        seed: 1
        dataset: { name: synthetic, features: 4, classes: 2, pool_size: 100, train_size: 50, test_size: 50 }
        model: { kind: mlp, widths: [4, 4, 2] }
        projection: { kind: orthonormal }
        quantization: { levels: 16, range: 1.0 }
        training: { optimizer: adam, learning_rate: 0.01, epochs: 1, batch_size: 10 }
        grid: { d: [4], seeds: {{count}} }
        """, "dispatch.yaml");
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var accepted = (SweepAccepted)await coordinator.Ask<ISweepWire>(new SubmitSweep(spec, "bench", 1), TimeSpan.FromSeconds(120));
    while (true)
    {
        var status = (SweepStatus)await coordinator.Ask<ISweepWire>(new GetSweepStatus(accepted.SweepId), TimeSpan.FromSeconds(60));
        if (status.Done + status.Failed >= status.Total)
        {
            clock.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (status.Failed > 0)
            {
                throw new InvalidOperationException($"{status.Failed} simulate trials failed");
            }

            break;
        }

        await Task.Delay(20);
    }

    await host.StopAsync();
    return (count / clock.Elapsed.TotalSeconds, cpu);
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
