namespace Sweep.Actors.Hosting;

/// <summary>
/// How to start one Sweep node. With no seed nodes the node joins itself: the embedded, single-process cluster of
/// <c>sweep run</c>. Nodes bind to 127.0.0.1 unless told otherwise.
/// </summary>
public sealed record NodeOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The name other nodes use to reach this one when <see cref="Host"/> is 0.0.0.0 (containers); null: <see cref="Host"/>.</summary>
    public string? PublicHost { get; init; }

    /// <summary>0 picks a free port (fine for a node nobody else joins).</summary>
    public int Port { get; init; }

    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = SweepRoles.All;

    /// <summary>One trainer actor per slot: "cpu" or "cuda:N".</summary>
    public IReadOnlyList<string> Slots { get; init; } = ["cpu"];

    public StoreLocation Store { get; init; } = StoreLocation.Default;

    /// <summary>Overrides of the <c>sweep { }</c> section; null keeps cluster-config/base.conf.</summary>
    public SweepSettings? Settings { get; init; }

    /// <summary>Extra HOCON files, applied over the defaults.</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    /// <summary>Intra-op threads per trainer; 1 keeps each trainer on its own core and results independent of the slot count.</summary>
    public int ThreadsPerTrainer { get; init; } = 1;

    /// <summary>A reader of the store (list, results): recovers sweeps, writes nothing to the journal, starts nothing.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Estimator actors on a node with role estimator: MI groups estimated at once, beside the trainers.</summary>
    public int Estimators { get; init; } = 1;

    /// <summary>TLS with mutual authentication against the cluster's CA; null: plaintext TCP (see docs/security.md).</summary>
    public Security.TransportSecurity? Tls { get; init; }

    /// <summary>
    /// Benchmark aid: this node's trainers run every trial as the <c>simulate</c> kind (this long, metrics drawn from
    /// the trial's seeds, no training); null trains for real.
    /// </summary>
    public TimeSpan? Simulate { get; init; }

    /// <summary>
    /// A single-process node that no other node joins (the embedded default). Its coordinator singleton has nobody to
    /// hand over to, so on exit it stops after one short retry instead of the cluster's 1 s.
    /// </summary>
    public bool Alone { get; init; }

    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The embedded single-process node of <c>run</c>, <c>resume</c> and <c>extend</c>: every role, CPU slots.</summary>
    public static NodeOptions Embedded(StoreLocation store, int slots, SweepSettings settings) =>
        new() { Store = store, Slots = CpuSlots(slots), Settings = settings, Alone = true };

    /// <summary>The default slots for this machine: one CPU slot per core.</summary>
    public static IReadOnlyList<string> CpuSlots(int count) => Enumerable.Repeat("cpu", Math.Max(1, count)).ToList();
}
