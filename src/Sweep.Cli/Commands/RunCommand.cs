using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;
using Sweep.Core.Specs;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep run spec.yaml</c>: the embedded default. One process holds every role (a single-node Akka cluster on
/// 127.0.0.1), journals to SQLite, trains every grid point and writes the results folder.
/// </summary>
public static class RunCommand
{
    public sealed record Settings(string SpecPath, string Store, string ResultsRoot, int Slots, int MaxAttempts, int SnapshotEvery, string? Cluster = null, int? DashboardPort = null, int? SimulateMs = null, int Port = 0);

    public static Command Create(IAnsiConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The sweep spec (YAML)." };
        var store = CommonOptions.Store();
        var results = CommonOptions.Results();
        var slots = CommonOptions.Slots();
        var attempts = CommonOptions.MaxAttempts();
        var snapshots = CommonOptions.SnapshotEvery();
        var cluster = CommonOptions.Cluster();
        var dashboard = new Option<int?>("--dashboard")
        {
            Description = $"Serve the web dashboard from this process on 127.0.0.1 while the sweep runs, at this port (default {Sweep.Dashboard.DashboardOptions.DefaultPort}; 0: a free one).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var simulate = CommonOptions.Simulate("this process's trainers run");
        var port = new Option<int>("--port")
        {
            Description = "The port this process's node binds on 127.0.0.1 (default 0: a free one); with a fixed port, 'sweep status --contact 127.0.0.1:<port>' follows the run from elsewhere.",
        };
        var command = new Command("run", "Run a sweep in this process (every role, SQLite journal), or on a running cluster with --cluster, and write its results. Running a spec again continues its sweep.")
        {
            spec, store, results, slots, attempts, snapshots, cluster, dashboard, simulate, port,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(spec)!, parse.GetValue(store)!, parse.GetValue(results)!, parse.GetValue(slots), parse.GetValue(attempts), parse.GetValue(snapshots), parse.GetValue(cluster),
                parse.GetResult(dashboard) is null ? null : parse.GetValue(dashboard) ?? Sweep.Dashboard.DashboardOptions.DefaultPort,
                parse.GetValue(simulate),
                parse.GetValue(port)),
            console,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Slots < 1 || settings.MaxAttempts < 1 || settings.SnapshotEvery < 1 || settings.SimulateMs < 0 || settings.Port is < 0 or > 65535)
        {
            console.MarkupLine("[red]error[/] --slots, --max-attempts and --snapshot-every must be at least 1, --simulate at least 0, and --port a port number.");
            return ExitCodes.BadInput;
        }

        SweepSpec spec;
        string specText;
        try
        {
            specText = SpecReader.ReadText(settings.SpecPath); // bounded, and the same text that is validated and journaled
            spec = SpecReader.Read(specText, settings.SpecPath, trainsHere: settings.Cluster is null);
        }
        catch (SpecValidationException e)
        {
            SpecErrors.Write(console, e, json: false);
            return ExitCodes.BadInput;
        }

        if (settings.Cluster is not null)
        {
            return await SweepSession.RunOnClusterAsync(console, settings.Cluster, new SubmitSweep(spec, specText, settings.MaxAttempts), settings.ResultsRoot, cancellationToken);
        }

        if (ParsedArguments.Store(console, settings.Store) is not { } store)
        {
            return ExitCodes.BadInput;
        }

        return await SweepSession.RunAsync(
            console,
            NodeOptions.Embedded(store, settings.Slots, new SweepSettings(settings.SnapshotEvery, settings.MaxAttempts, settings.ResultsRoot)) with
            {
                Simulate = settings.SimulateMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                Port = settings.Port,
            },
            new SubmitSweep(spec, specText, settings.MaxAttempts),
            mustExist: false,
            cancellationToken,
            settings.DashboardPort);
    }
}
