using System.CommandLine;
using System.Text.Json;
using Sweep.Actors.Hosting;

namespace Sweep.Cli;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public static readonly JsonSerializerOptions JsonOutput = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Option<bool> Json() => new("--json") { Description = "Machine-readable JSON output." };

    public static Option<string> Store() => new("--store")
    {
        Description = "The journal: sqlite:<file> (default sqlite:" + StoreLocation.DefaultSqliteFile + ", or $SWEEP_STORE) or postgres:<connection string>.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SWEEP_STORE") ?? "sqlite:" + StoreLocation.DefaultSqliteFile,
    };

    public static Option<string> Results() => new("--results")
    {
        Description = "Root folder for results; each sweep writes <root>/<sweep-id>/ (default: results, or $SWEEP_RESULTS).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SWEEP_RESULTS") ?? "results",
    };

    public static Option<int> Slots() => new("--slots")
    {
        Description = "Trainer slots in this process, one trainer thread each (default: one per core).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>For commands on an existing sweep: no default here, so the store recorded in its results folder can apply.</summary>
    public static Option<string?> StoreOfExisting() => new("--store")
    {
        Description = "The journal: sqlite:<file> or postgres:<connection string> (default: $SWEEP_STORE, else the store recorded in the results folder, else sqlite:" + StoreLocation.DefaultSqliteFile + ").",
    };

    /// <summary>Benchmark aid on commands that run trials in this process (run, resume) and on nodes.</summary>
    public static Option<int?> Simulate(string who) => new("--simulate")
    {
        Description = $"Benchmark aid: {who} every trial as the 'simulate' kind, a fixed number of milliseconds with metrics drawn from the trial's seeds, no training.",
    };

    public static Option<int> SnapshotEvery() => new("--snapshot-every")
    {
        Description = "Snapshot each sweep's state every N journal events, deleting the events it supersedes (default " + SweepSettings.DefaultSnapshotEvery + ").",
        DefaultValueFactory = _ => SweepSettings.DefaultSnapshotEvery,
    };

    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = "Run on a running cluster instead of in this process: any node's address, akka.tcp://sweep@host:port or host:port (default: $SWEEP_CLUSTER).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SWEEP_CLUSTER"),
    };

    /// <summary>The node that cluster commands (status, nodes, trials, pause, cluster show, ...) reach.</summary>
    public static Option<string> Contact() => new("--contact")
    {
        Description = "Any node of the cluster: akka.tcp://sweep@host:port or host:port (default: $SWEEP_CLUSTER, else " + DefaultContact + ").",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SWEEP_CLUSTER") is { Length: > 0 } address ? address : DefaultContact,
    };

    public const string DefaultContact = "127.0.0.1:4053";

    /// <summary>On the root command, for every command that joins or reaches a cluster (node, run --cluster, status, ...).</summary>
    public static readonly Option<string?> TlsCert = new("--tls-cert")
    {
        Description = "TLS with mutual authentication: this process's PKCS#12 file (certificate, key and the cluster CA's certificate; scripts/make-certs makes them) (default: $SWEEP_TLS_CERT). See docs/security.md.",
        Recursive = true,
    };

    /// <summary>The password is read from a file or the environment, never from the command line, which <c>ps</c> shows.</summary>
    public static readonly Option<string?> TlsPasswordFile = new("--tls-password-file")
    {
        Description = "A file whose first line is the --tls-cert file's password (default: $SWEEP_TLS_PASSWORD, else the file $SWEEP_TLS_PASSWORD_FILE, else no password).",
        Recursive = true,
    };

    public static Option<int> MaxAttempts() => new("--max-attempts")
    {
        Description = "Attempts per trial before it is marked failed (default 3).",
        DefaultValueFactory = _ => SweepSettings.DefaultMaxAttempts,
    };
}
