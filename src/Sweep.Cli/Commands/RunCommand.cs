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
    public sealed record Settings(string SpecPath, string Store, string ResultsRoot, int Slots, int MaxAttempts, int SnapshotEvery, string? Cluster = null);

    public static Command Create(IAnsiConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The sweep spec (YAML)." };
        var store = CommonOptions.Store();
        var results = CommonOptions.Results();
        var slots = CommonOptions.Slots();
        var attempts = CommonOptions.MaxAttempts();
        var snapshots = CommonOptions.SnapshotEvery();
        var cluster = CommonOptions.Cluster();
        var command = new Command("run", "Run a sweep in this process (every role, SQLite journal), or on a running cluster with --cluster, and write its results. Running a spec again continues its sweep.")
        {
            spec, store, results, slots, attempts, snapshots, cluster,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(spec)!, parse.GetValue(store)!, parse.GetValue(results)!, parse.GetValue(slots), parse.GetValue(attempts), parse.GetValue(snapshots), parse.GetValue(cluster)),
            console,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Slots < 1 || settings.MaxAttempts < 1 || settings.SnapshotEvery < 1)
        {
            console.MarkupLine("[red]error[/] --slots, --max-attempts and --snapshot-every must be at least 1.");
            return ExitCodes.BadInput;
        }

        SweepSpec spec;
        string specText;
        try
        {
            spec = SpecReader.ReadFile(settings.SpecPath, trainsHere: settings.Cluster is null);
            specText = await File.ReadAllTextAsync(settings.SpecPath, cancellationToken);
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

        StoreLocation store;
        try
        {
            store = StoreLocation.Parse(settings.Store);
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] --store: {e.Message}");
            return ExitCodes.BadInput;
        }

        return await SweepSession.RunAsync(
            console,
            NodeOptions.Embedded(store, settings.Slots, new SweepSettings(settings.SnapshotEvery, settings.MaxAttempts, settings.ResultsRoot)),
            new SubmitSweep(spec, specText, settings.MaxAttempts),
            mustExist: false,
            cancellationToken);
    }
}
