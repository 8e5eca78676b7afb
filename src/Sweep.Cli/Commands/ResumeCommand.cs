using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep resume &lt;sweep-id | results folder&gt;</c>: continues an interrupted sweep from its journal. Completed
/// trials never run again; trials that were in flight start again with their attempt counted; failed trials run
/// again only with <c>--retry-failed</c>.
/// </summary>
public static class ResumeCommand
{
    public sealed record Settings(string Sweep, string? Store, string ResultsRoot, int Slots, int SnapshotEvery, bool RetryFailed, string? Cluster = null, string? Contact = null, int? SimulateMs = null);

    public static Command Create(IAnsiConsole console)
    {
        var sweep = new Argument<string>("sweep") { Description = "The sweep id, or its results folder (results/<sweep-id>)." };
        var store = CommonOptions.StoreOfExisting();
        var results = CommonOptions.Results();
        var slots = CommonOptions.Slots();
        var snapshots = CommonOptions.SnapshotEvery();
        var retry = new Option<bool>("--retry-failed") { Description = "Also run again the trials that failed every attempt (with a fresh budget of attempts)." };
        var cluster = CommonOptions.Cluster();
        var contact = new Option<string?>("--contact")
        {
            Description = "Resume a paused sweep on the running cluster at this node and return at once (no following; watch with 'sweep status <id> --watch'). --cluster instead resumes and follows to the end.",
        };
        var simulate = CommonOptions.Simulate("this process's trainers run");
        var command = new Command("resume", "Continue an interrupted sweep: nothing finished runs again, nothing runs twice.")
        {
            sweep, store, results, slots, snapshots, retry, cluster, contact, simulate,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(sweep)!, parse.GetValue(store), parse.GetValue(results)!, parse.GetValue(slots), parse.GetValue(snapshots), parse.GetValue(retry), parse.GetValue(cluster), parse.GetValue(contact), parse.GetValue(simulate)),
            console,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Slots < 1 || settings.SnapshotEvery < 1 || settings.SimulateMs < 0)
        {
            console.MarkupLine("[red]error[/] --slots and --snapshot-every must be at least 1, and --simulate at least 0.");
            return ExitCodes.BadInput;
        }

        if (ParsedArguments.Sweep(console, settings.Sweep, settings.Store) is not { } named)
        {
            return ExitCodes.BadInput;
        }

        var (id, store) = named;

        if (settings.Contact is not null)
        {
            return await SweepSteering.SendAsync(console, settings.Contact, new ResumeSweep(id, settings.RetryFailed), "resumed", cancellationToken);
        }

        if (settings.Cluster is not null)
        {
            return await SweepSession.RunOnClusterAsync(console, settings.Cluster, new ResumeSweep(id, settings.RetryFailed), SweepReference.ResultsRootFor(settings.Sweep, settings.ResultsRoot), cancellationToken);
        }

        return await SweepSession.RunAsync(
            console,
            NodeOptions.Embedded(store, settings.Slots, new SweepSettings(settings.SnapshotEvery, SweepSettings.DefaultMaxAttempts, SweepReference.ResultsRootFor(settings.Sweep, settings.ResultsRoot))) with
            {
                Simulate = settings.SimulateMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            },
            new ResumeSweep(id, settings.RetryFailed),
            mustExist: true,
            cancellationToken);
    }
}
