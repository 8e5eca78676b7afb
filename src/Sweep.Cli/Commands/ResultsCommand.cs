using System.CommandLine;
using System.Text.Json;
using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep results &lt;sweep-id | results folder&gt;</c>: rebuilds the results folder (CSVs, summary, plots) from the
/// journal, whatever the sweep's progress, and prints the curve table with the path to the plots.
/// </summary>
public static class ResultsCommand
{
    public sealed record Settings(string Sweep, string? Store, string ResultsRoot, bool Json, string? Contact = null);

    public static Command Create(IAnsiConsole console)
    {
        var sweep = new Argument<string>("sweep") { Description = "The sweep id, or its results folder." };
        var store = CommonOptions.StoreOfExisting();
        var results = CommonOptions.Results();
        var json = CommonOptions.Json();
        var contact = new Option<string?>("--contact")
        {
            Description = "Read the results from the running cluster at this node (akka.tcp://sweep@host:port or host:port) instead of opening the store; the folder is written here.",
        };
        var command = new Command("results", "Rebuild a sweep's results folder from the journal and print its bound curves.") { sweep, store, results, json, contact };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(sweep)!, parse.GetValue(store), parse.GetValue(results)!, parse.GetValue(json), parse.GetValue(contact)),
            console,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        Core.Trials.SweepId id;
        StoreLocation store;
        try
        {
            (id, store) = SweepReference.Resolve(settings.Sweep, settings.Store);
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.BadInput;
        }

        if (settings.Contact is not null)
        {
            return await FromClusterAsync(settings, id, console, cancellationToken);
        }

        StoreSession session;
        try
        {
            session = await StoreSession.OpenForReadingAsync(store, SweepReference.ResultsRootFor(settings.Sweep, settings.ResultsRoot), cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.Unreachable;
        }

        await using (session)
        {
            try
            {
                return await QueryAsync(settings, console, session, store, id, cancellationToken);
            }
            catch (AskTimeoutException e)
            {
                console.MarkupLineInterpolated($"[red]error[/] the store {store.Describe()} did not answer in time ({e.Message}); is another process holding a lock on it?");
                return ExitCodes.Unreachable;
            }
        }
    }

    private static async Task<int> QueryAsync(Settings settings, IAnsiConsole console, StoreSession session, StoreLocation store, Core.Trials.SweepId id, CancellationToken cancellationToken)
    {
        var coordinator = session.Node.Coordinator;
        var reply = await coordinator.Ask<ISweepWire>(new WriteSweepResults(id), TimeSpan.FromSeconds(120), cancellationToken);
        switch (reply)
        {
            case SweepUnknown unknown:
                return SweepSession.Unknown(console, unknown, store);
            case SweepRejected rejected:
                console.MarkupLineInterpolated($"[red]error[/] {rejected.Reason}");
                return ExitCodes.Unreachable;
        }

        var written = (SweepResultsWritten)reply;
        if (settings.Json)
        {
            var s = written.Status;
            console.WriteLine(JsonSerializer.Serialize(
                new { sweep_id = id.Value, folder = written.Folder, total = s.Total, done = s.Done, failed = s.Failed, pending = s.Pending + s.Running },
                CommonOptions.JsonOutput));
            return ExitCodes.Ok;
        }

        var status = written.Status;
        console.MarkupLineInterpolated($"sweep    {id} · {status.Done}/{status.Total} done · {status.Failed} failed · {status.Pending + status.Running} not run yet");
        if (await SweepReportClient.FetchAsync(coordinator, id, cancellationToken) is { } report)
        {
            SweepReportClient.Print(console, report, written.Folder);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The cluster path: results from the coordinator's journal, the folder written here under the results root.</summary>
    private static Task<int> FromClusterAsync(Settings settings, Core.Trials.SweepId id, IAnsiConsole console, CancellationToken cancellationToken) =>
        ClusterCall.RunAsync(console, settings.Contact!, async connection =>
        {
            var reply = await ClusterCall.AskAsync(connection, new GetSweepStatus(id), cancellationToken);
            if (reply is not SweepStatus status)
            {
                return ClusterCall.Failed(console, reply);
            }

            if (!settings.Json)
            {
                console.MarkupLineInterpolated($"sweep    {id} · {status.Done}/{status.Total} done · {status.Failed} failed · {status.Pending + status.Running} not run yet");
            }

            var resultsRoot = SweepReference.ResultsRootFor(settings.Sweep, settings.ResultsRoot);
            if (await SweepReportClient.WriteAsync(console, connection.Coordinator, id, resultsRoot, cancellationToken) is not { } written)
            {
                return ExitCodes.Unreachable;
            }

            if (settings.Json)
            {
                console.WriteLine(JsonSerializer.Serialize(
                    new { sweep_id = id.Value, folder = written.Folder, total = status.Total, done = status.Done, failed = status.Failed, pending = status.Pending + status.Running },
                    CommonOptions.JsonOutput));
            }
            else
            {
                SweepReportClient.Print(console, written.Report, written.Folder);
            }

            return ExitCodes.Ok;
        }, cancellationToken);
}
