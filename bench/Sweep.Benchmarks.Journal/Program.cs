using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

// The journal benchmark of issue 3 (run by scripts/bench-journal). Every figure is printed beside a baseline
// measured in the same run: persisted trial-state changes per second against Akka's in-memory journal, and
// recovery of a 100,000-trial sweep from a snapshot against recovery by replaying every event.

var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
var trials = int.Parse(args.SkipWhile(a => a != "--trials").Skip(1).FirstOrDefault() ?? "3000");
var recoveryTrials = int.Parse(args.SkipWhile(a => a != "--recovery-trials").Skip(1).FirstOrDefault() ?? "100000");
var folder = Directory.CreateTempSubdirectory("sweep-bench-").FullName;

Console.WriteLine($"# journal benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine();
Console.WriteLine($"## persisted trial-state changes per second ({trials} trials through the coordinator, 4 instant trainers; 2 events per trial)");
var sqlite = StoreLocation.Parse("sqlite:" + Path.Combine(folder, "bench.db"));
await StorePreflight.CheckAsync(sqlite, mustExist: false, forWriting: true, CancellationToken.None); // as sweep run does: WAL
var stores = new List<(string Name, Config Config)>
{
    ("in-memory journal (baseline)", InMemory()),
    ("SQLite file (WAL)", sqlite.ToConfig()),
};
if (postgres is not null)
{
    stores.Add(("PostgreSQL 15 (127.0.0.1)", StoreLocation.Parse("postgres:" + postgres).ToConfig()));
}

double? baseline = null;
foreach (var (name, config) in stores)
{
    await Throughput(name, config, trials / 10); // warm-up: tables, JIT, connection pools
    var perSecond = await Throughput(name, config, trials);
    baseline ??= perSecond;
    Console.WriteLine($"| {name} | {perSecond:N0} events/s | {perSecond / baseline:F3}× baseline |");
}

Console.WriteLine();
Console.WriteLine($"## recovery of a {recoveryTrials:N0}-trial sweep (every trial done; w' of 10 floats)");
var recoveryStores = new List<(string Name, StoreLocation Store)> { ("SQLite file (WAL)", StoreLocation.Parse("sqlite:" + Path.Combine(folder, "recovery.db"))) };
if (postgres is not null)
{
    recoveryStores.Add(("PostgreSQL 15", StoreLocation.Parse("postgres:" + postgres)));
}

foreach (var (name, store) in recoveryStores)
{
    await StorePreflight.CheckAsync(store, mustExist: false, forWriting: true, CancellationToken.None);
    var config = Config(store.ToConfig());
    using var system = ActorSystem.Create("recovery", config);
    var spec = Spec(recoveryTrials, "recovery");
    var replayId = await Fill(system, spec, "replay", snapshot: false);
    var snapshotId = await Fill(system, spec, "snapshot", snapshot: true);
    var replay = await Recover(system, replayId);
    var fromSnapshot = await Recover(system, snapshotId);
    Console.WriteLine($"| {name} | replaying {2 * recoveryTrials + 1:N0} events: {replay.TotalSeconds:F2} s (baseline) | from a snapshot: {fromSnapshot.TotalSeconds:F2} s | {replay / fromSnapshot:F1}× faster |");
    await system.Terminate();
}

Directory.Delete(folder, recursive: true);
return 0;

static Config InMemory() => ConfigurationFactory.ParseString("""
    akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
    """);

static Config Config(Config store) =>
    store.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = local"))
        .WithFallback(SweepNodeHosting.BuildConfig(new NodeOptions()));

static SweepSpec Spec(int trials, string name) => SpecReader.Read($$"""
    name: {{name}}
    seed: 1
    dataset: { name: synthetic, features: 4, classes: 2, pool_size: 100, train_size: 50, test_size: 50 }
    model: { kind: mlp, widths: [4, 4, 2] }
    projection: { kind: orthonormal }
    quantization: { levels: 16, range: 1.0 }
    training: { optimizer: adam, learning_rate: 0.01, epochs: 1, batch_size: 10 }
    grid: { d: [10], seeds: {{trials}} }
    """, name + ".yaml");

static async Task<double> Throughput(string name, Config store, int trials)
{
    using var system = ActorSystem.Create("throughput", Config(store));
    var coordinator = system.ActorOf(SweepCoordinator.Props(new LedgerSettings(SnapshotEvery: 1_000_000, ResultsRoot: Path.GetTempPath(), ReadOnly: false)));
    var spec = Spec(trials, "tp-" + Guid.NewGuid().ToString("N")[..6]);
    var accepted = (SweepAccepted)await coordinator.Ask<ISweepWire>(new SubmitSweep(spec, "bench", 1), TimeSpan.FromSeconds(60));
    var done = new TaskCompletionSource();
    var remaining = trials;
    var clock = Stopwatch.StartNew();
    Action onAccepted = () =>
    {
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            done.TrySetResult();
        }
    };
    for (var i = 0; i < 4; i++)
    {
        var slot = $"bench/cpu#{i}";
        system.ActorOf(Props.Create(() => new InstantTrainer(coordinator, slot, onAccepted)));
    }

    await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
    clock.Stop();
    await system.Terminate();
    return 2.0 * accepted.Total / clock.Elapsed.TotalSeconds;
}

// Writes a finished sweep's events straight to the journal (in batches, under the sweep's persistence id), and
// optionally a snapshot of the final state, as a ledger with snapshots would have left it.
static async Task<SweepId> Fill(ActorSystem system, SweepSpec spec, string suffix, bool snapshot)
{
    var id = new SweepId($"{spec.Name}-{suffix}-{Guid.NewGuid():N}"[..40]);
    var filled = new TaskCompletionSource();
    system.ActorOf(Props.Create(() => new JournalFiller(id, spec, snapshot, filled)));
    await filled.Task.WaitAsync(TimeSpan.FromMinutes(20));
    return id;
}

static async Task<TimeSpan> Recover(ActorSystem system, SweepId id)
{
    var clock = Stopwatch.StartNew();
    var ledger = system.ActorOf(SweepLedger.Props(id, new LedgerSettings(1_000_000, Path.GetTempPath(), ReadOnly: true), TimeProvider.System));
    var status = (SweepStatus)await ledger.Ask<ISweepWire>(new GetSweepStatus(id), TimeSpan.FromMinutes(10));
    clock.Stop();
    if (status.Done != status.Total)
    {
        throw new InvalidOperationException($"recovered {status.Done}/{status.Total}");
    }

    await ledger.GracefulStop(TimeSpan.FromSeconds(30));
    return clock.Elapsed;
}

/// <summary>A trainer slot whose trials take no time: request, assigned, report completed, accepted, request again.</summary>
internal sealed class InstantTrainer : ReceiveActor
{
    public InstantTrainer(IActorRef coordinator, string slot, Action onAccepted)
    {
        var metrics = new TrainingMetrics(0.5, 0.1, 0.6, 0.12, 0.1, 100, 10, 1.0, 0, 0);
        var wPrime = Enumerable.Range(0, 10).Select(i => i * 0.01f).ToArray();
        Receive<TrialAssigned>(a => coordinator.Tell(new ReportTrialCompleted(a.SweepId, a.Trial.Id, a.Attempt, slot, metrics, wPrime)));
        Receive<TrialReportAccepted>(_ =>
        {
            onAccepted();
            coordinator.Tell(new RequestWork(slot));
        });
        coordinator.Tell(new RequestWork(slot));
    }
}

internal sealed class JournalFiller : ReceivePersistentActor
{
    private readonly SweepId _id;

    public JournalFiller(SweepId id, SweepSpec spec, bool snapshot, TaskCompletionSource filled)
    {
        _id = id;
        var at = DateTimeOffset.UtcNow;
        var metrics = new TrainingMetrics(0.5, 0.1, 0.6, 0.12, 0.1, 100, 10, 1.0, 0, 0);
        var submitted = new SweepSubmitted(id, spec, SpecHash.Full(spec), "bench", 1, at);
        var state = SweepState.Initial(submitted);
        var events = new List<ISweepEvent> { submitted };
        foreach (var trial in state.InOrder())
        {
            events.Add(new TrialStarted(trial.Config.Id, 1, "bench", at));
            events.Add(new TrialCompleted(trial.Config.Id, 1, "bench", metrics, Enumerable.Range(0, 10).Select(i => i * 0.01f).ToArray(), at));
        }

        foreach (var e in events.Skip(1))
        {
            state = state.Apply(e);
        }

        Command<string>(_ =>
        {
            var left = events.Count;
            foreach (var batch in events.Chunk(500))
            {
                PersistAll(batch, _ =>
                {
                    if (--left == 0)
                    {
                        if (snapshot)
                        {
                            SaveSnapshot(SweepSnapshot.Of(state));
                        }
                        else
                        {
                            filled.TrySetResult();
                        }
                    }
                });
            }
        });
        _filled = filled;
        Command<SaveSnapshotSuccess>(_ => filled.TrySetResult());
        Command<SaveSnapshotFailure>(f => filled.TrySetException(f.Cause));
        Self.Tell("go");
    }

    private readonly TaskCompletionSource _filled;

    public override string PersistenceId => "sweep-" + _id.Value;

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _filled.TrySetException(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
