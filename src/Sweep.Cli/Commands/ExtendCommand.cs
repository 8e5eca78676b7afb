using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;
using Sweep.Core.Specs;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep extend &lt;sweep-id&gt; spec.yaml</c>: adds axis values to a sweep and runs only the new grid points. A spec
/// that changes anything else (a setting, a dropped value, a new axis) is refused with what changed (exit 2).
/// </summary>
public static class ExtendCommand
{
    public sealed record Settings(string Sweep, string SpecPath, string? Store, string ResultsRoot, int Slots, int SnapshotEvery);

    public static Command Create(IAnsiConsole console)
    {
        var sweep = new Argument<string>("sweep") { Description = "The sweep id, or its results folder." };
        var spec = new Argument<string>("spec") { Description = "The spec with the added axis values (YAML)." };
        var store = CommonOptions.StoreOfExisting();
        var results = CommonOptions.Results();
        var slots = CommonOptions.Slots();
        var snapshots = CommonOptions.SnapshotEvery();
        var command = new Command("extend", "Add axis values to a sweep and run only the new points.")
        {
            sweep, spec, store, results, slots, snapshots,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(sweep)!, parse.GetValue(spec)!, parse.GetValue(store), parse.GetValue(results)!, parse.GetValue(slots), parse.GetValue(snapshots)),
            console,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Slots < 1 || settings.SnapshotEvery < 1)
        {
            console.MarkupLine("[red]error[/] --slots and --snapshot-every must be at least 1.");
            return ExitCodes.BadInput;
        }

        SweepSpec spec;
        string specText;
        Core.Trials.SweepId id;
        StoreLocation store;
        try
        {
            spec = SpecReader.ReadFile(settings.SpecPath, trainsHere: true);
            specText = await File.ReadAllTextAsync(settings.SpecPath, cancellationToken);
            (id, store) = SweepReference.Resolve(settings.Sweep, settings.Store);
        }
        catch (SpecValidationException e)
        {
            SpecErrors.Write(console, e, json: false);
            return ExitCodes.BadInput;
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.BadInput;
        }

        return await SweepSession.RunAsync(
            console,
            NodeOptions.Embedded(store, settings.Slots, new SweepSettings(settings.SnapshotEvery, SweepSettings.DefaultMaxAttempts, SweepReference.ResultsRootFor(settings.Sweep, settings.ResultsRoot))),
            new ExtendSweep(id, spec, specText),
            mustExist: true,
            cancellationToken);
    }
}
