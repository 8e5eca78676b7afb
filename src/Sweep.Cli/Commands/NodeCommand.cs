using System.CommandLine;
using Akka.Actor;
using Akka.Cluster;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Actors.Trainers;
using Sweep.Cli.Hosting;
using Sweep.Training.Runtime;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep node --roles trainer --seed-nodes akka.tcp://sweep@127.0.0.1:4053 --slots 2</c>: runs one cluster node
/// until Ctrl-C or SIGTERM (it then leaves the cluster gracefully). The first coordinator node is started with its
/// own address as seed. Every node runs a gateway that clients (<c>sweep run --cluster</c>) reach.
/// </summary>
public static class NodeCommand
{
    public sealed record Settings(
        IReadOnlyList<string> Roles,
        string Host,
        string? PublicHost,
        int Port,
        IReadOnlyList<string> SeedNodes,
        int? Slots,
        IReadOnlyList<string> Devices,
        string Store,
        string ResultsRoot,
        int SnapshotEvery,
        int MaxAttempts,
        IReadOnlyList<string> ConfigFiles,
        int? SimulateMs = null,
        Actors.Security.TlsSource? Tls = null);

    public static Command Create(IAnsiConsole console)
    {
        var roles = new Option<string>("--roles") { Description = "Comma-separated roles: coordinator, trainer, estimator (default: all).", DefaultValueFactory = _ => string.Join(',', SweepRoles.All) };
        var host = new Option<string>("--host") { Description = "Address to bind and advertise (default 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
        var publicHost = new Option<string?>("--public-host") { Description = "The name other nodes reach this one by, when --host is 0.0.0.0 (containers)." };
        var port = new Option<int>("--port") { Description = "Port to bind (default 4053; 0 picks a free one).", DefaultValueFactory = _ => 4053 };
        var seeds = new Option<string?>("--seed-nodes") { Description = "Comma-separated seed node addresses, host:port or akka.tcp://sweep@host:port (default: this node, which then starts a new cluster)." };
        var slots = new Option<int?>("--slots") { Description = "CPU trainer slots on a trainer node (default: one per core)." };
        var devices = new Option<string?>("--devices") { Description = "Trainer slots by device instead of --slots, e.g. cpu,cpu or cuda:0,cuda:1 (CUDA needs a -p:TorchBackend=cuda build)." };
        var store = CommonOptions.Store();
        var results = CommonOptions.Results();
        var snapshots = CommonOptions.SnapshotEvery();
        var attempts = CommonOptions.MaxAttempts();
        var config = new Option<string[]>("--config") { Description = "Extra HOCON files (cluster-config/*.conf), applied over the defaults.", AllowMultipleArgumentsPerToken = true };
        var simulate = CommonOptions.Simulate("this node's trainers run");
        var command = new Command("node", "Run a cluster node (coordinator, trainer and/or estimator) until stopped.")
        {
            roles, host, publicHost, port, seeds, slots, devices, store, results, snapshots, attempts, config, simulate,
        };
        command.SetAction((parse, ct) => RunAsync(
            new Settings(
                Split(parse.GetValue(roles)),
                parse.GetValue(host)!,
                parse.GetValue(publicHost),
                parse.GetValue(port),
                Split(parse.GetValue(seeds)),
                parse.GetValue(slots),
                Split(parse.GetValue(devices)),
                parse.GetValue(store)!,
                parse.GetValue(results)!,
                parse.GetValue(snapshots),
                parse.GetValue(attempts),
                parse.GetValue(config) ?? [],
                parse.GetValue(simulate),
                new Actors.Security.TlsSource(parse.GetValue(CommonOptions.TlsCert), parse.GetValue(CommonOptions.TlsPasswordFile))),
            console,
            ct));
        return command;
    }

    public static async Task<int> RunAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var unknownRole = settings.Roles.FirstOrDefault(r => !SweepRoles.All.Contains(r));
        if (unknownRole is not null || settings.Roles.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]error[/] --roles: '{unknownRole}' is not a role; use {string.Join(", ", SweepRoles.All)}.");
            return ExitCodes.BadInput;
        }

        var missingConfig = settings.ConfigFiles.FirstOrDefault(f => !File.Exists(f));
        if (missingConfig is not null)
        {
            console.MarkupLineInterpolated($"[red]error[/] --config: {missingConfig} does not exist.");
            return ExitCodes.BadInput;
        }

        IReadOnlyList<string> slots;
        StoreLocation store;
        List<string> seedNodes;
        try
        {
            foreach (var device in settings.Devices)
            {
                TorchDevice.Parse(device);
            }

            slots = settings.Devices.Count > 0 ? settings.Devices : NodeOptions.CpuSlots(settings.Slots ?? Environment.ProcessorCount);
            store = StoreLocation.Parse(settings.Store);
            seedNodes = settings.SeedNodes.Select(ClusterConnection.NormalizeAddress).ToList();
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.BadInput;
        }

        var options = new NodeOptions
        {
            Host = settings.Host,
            PublicHost = settings.PublicHost,
            Port = settings.Port,
            Roles = settings.Roles,
            Slots = settings.Roles.Contains(SweepRoles.Trainer) ? slots : [],
            Store = store,
            Settings = new SweepSettings(settings.SnapshotEvery, settings.MaxAttempts, settings.ResultsRoot),
            ConfigFiles = settings.ConfigFiles,
        };
        try
        {
            options = options with { Tls = (settings.Tls ?? new Actors.Security.TlsSource(null, null)).Resolve(SweepNodeHosting.BuildConfig(options)) };
        }
        catch (Actors.Security.TlsConfigurationException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] TLS: {e.Message}");
            return ExitCodes.BadInput;
        }

        var secure = options.Tls is not null;
        var self = ClusterConnection.NormalizeAddress($"{settings.PublicHost ?? settings.Host}:{settings.Port}", secure);
        options = options with
        {
            SeedNodes = seedNodes.Count > 0 ? seedNodes.Select(s => ClusterConnection.NormalizeAddress(s, secure)).ToList() : settings.Port == 0 ? [] : [self],
        };

        StoreLock? writerLock = null;
        EmbeddedNode node;
        try
        {
            if (settings.Roles.Contains(SweepRoles.Coordinator))
            {
                console.MarkupLineInterpolated($"store    {store.Describe()}");
                writerLock = await StorePreflight.OpenForWritingAsync(store, mustExist: false, cancellationToken);
            }

            node = settings.SimulateMs is { } ms
                ? await EmbeddedNode.StartAsync(options, _ => new SimulatedTrialExecutor(TimeSpan.FromMilliseconds(ms)), cancellationToken)
                : await EmbeddedNode.StartAsync(options, cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            writerLock?.Dispose();
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            writerLock?.Dispose();
            console.MarkupLineInterpolated($"[red]error[/] could not start the node at {self}: {e.Message}");
            return ExitCodes.Unreachable;
        }

        await using (node)
        {
            var address = Cluster.Get(node.System).SelfAddress;
            console.MarkupLineInterpolated($"node     {address} · roles {string.Join(',', settings.Roles)} · {options.Slots.Count} trainer slot(s) {string.Join(',', options.Slots)}");
            console.MarkupLineInterpolated($"seeds    {string.Join(", ", options.SeedNodes.DefaultIfEmpty("(this node)"))}");
            console.MarkupLineInterpolated($"tls      {(options.Tls is { } tls ? $"on, mutual authentication; {tls.Certificate.Subject}, trusting {string.Join("; ", tls.Authorities.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>().Select(a => a.Subject))}" : "off (plaintext TCP; see docs/security.md)")}");
            if (settings.Roles.Contains(SweepRoles.Estimator))
            {
                EstimationEchoHosting.Start(node.System, console);
            }

            var joined = new TaskCompletionSource();
            Cluster.Get(node.System).RegisterOnMemberUp(() => joined.TrySetResult());
            try
            {
                await joined.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
                console.MarkupLineInterpolated($"up       {address} joined the cluster");
                await node.System.WhenTerminated.WaitAsync(cancellationToken);
                console.MarkupLine("[yellow]stopped[/]: the node left the cluster or was downed.");
                return ExitCodes.Unreachable;
            }
            catch (OperationCanceledException)
            {
                console.MarkupLine("leaving the cluster ...");
                await CoordinatedShutdown.Get(node.System).Run(CoordinatedShutdown.ClrExitReason.Instance);
                return ExitCodes.Ok;
            }
            catch (TimeoutException)
            {
                console.MarkupLineInterpolated($"[red]error[/] could not join the cluster through {string.Join(", ", options.SeedNodes)} within 2 minutes.");
                return ExitCodes.Unreachable;
            }
            finally
            {
                writerLock?.Dispose();
            }
        }
    }

    private static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
