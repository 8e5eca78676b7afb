using System.CommandLine;
using System.Text.Json;
using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;
using Sweep.Core.Sweeps;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep list</c>: every sweep in the store with its progress. Reads the journal and changes nothing, so it works
/// on the store a crash left behind, and beside a running sweep.
/// </summary>
public static class ListCommand
{
    public sealed record Settings(string Store, bool Json);

    public static Command Create(IAnsiConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the sweeps in the store, with their progress.") { store, json };
        command.SetAction((parse, ct) => ExecuteAsync(new Settings(parse.GetValue(store)!, parse.GetValue(json)), console, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
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

        StoreSession session;
        try
        {
            session = await StoreSession.OpenForReadingAsync(store, "results", cancellationToken);
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
                return await QueryAsync(settings, console, session, store, cancellationToken);
            }
            catch (AskTimeoutException e)
            {
                console.MarkupLineInterpolated($"[red]error[/] the store {store.Describe()} did not answer in time ({e.Message}); is another process holding a lock on it?");
                return ExitCodes.Unreachable;
            }
        }
    }

    private static async Task<int> QueryAsync(Settings settings, IAnsiConsole console, StoreSession session, StoreLocation store, CancellationToken cancellationToken)
    {
        var reply = await session.Node.Coordinator.Ask<ISweepWire>(new ListSweeps(), TimeSpan.FromSeconds(120), cancellationToken);
        if (reply is not SweepList list)
        {
            console.MarkupLineInterpolated($"[red]error[/] {(reply as SweepRejected)?.Reason ?? reply.GetType().Name}");
            return ExitCodes.Unreachable;
        }

        var writerAlive = StoreLock.IsHeld(store);
        var rows = list.Sweeps.Select(s => (Status: s, State: StateOf(s, writerAlive))).ToList();
        if (settings.Json)
        {
            console.WriteLine(JsonSerializer.Serialize(
                new
                {
                    store = store.Describe(),
                    sweeps = rows.Select(r => new
                    {
                        sweep_id = r.Status.SweepId.Value,
                        name = r.Status.Name,
                        state = r.State,
                        total = r.Status.Total,
                        done = r.Status.Done,
                        failed = r.Status.Failed,
                        pending = r.Status.Pending,
                        in_flight = r.Status.Running,
                        submitted_at = r.Status.SubmittedAt,
                    }),
                },
                CommonOptions.JsonOutput));
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"store    {store.Describe()} · {rows.Count} sweep(s)");
        if (rows.Count == 0)
        {
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("sweep", "state", "done", "failed", "pending", "in flight", "submitted");
        foreach (var (status, state) in rows)
        {
            table.AddRow(
                Markup.Escape(status.SweepId.Value),
                state,
                $"{status.Done}/{status.Total}",
                status.Failed.ToString(),
                status.Pending.ToString(),
                status.Running.ToString(),
                status.SubmittedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm"));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>finished, cancelled, paused; running while a process holds the store, else interrupted (resume it).</summary>
    public static string StateOf(SweepStatus s, bool writerAlive) => s switch
    {
        { Phase: SweepPhase.Cancelled } => "cancelled",
        { IsFinished: true } => "finished",
        { Phase: SweepPhase.Paused } => "paused",
        _ => writerAlive ? "running" : "interrupted",
    };
}
