using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Sweep.Actors.Monitoring;
using Sweep.Actors.Protocol;
using Sweep.Cli.Display;
using Sweep.Cli.Hosting;
using Sweep.Core.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep status [&lt;sweep-id&gt;] [--watch]</c>: per sweep (every sweep of the cluster's store without an id) its
/// state, done, running, pending and failed counts, elapsed time since submission and ETA (the remaining trials at
/// the sweep's completion rate over the coordinator's last 5 minutes). <c>--watch</c> shows live progress bars until
/// the sweep ends, or Ctrl-C (the sweep goes on).
/// </summary>
public static class StatusCommand
{
    public sealed record Settings(string? Sweep, bool Watch, string Contact, bool Json);

    public sealed record Row(string SweepId, string Name, string State, int Total, int Done, int Running, int Pending, int Failed, double ElapsedSeconds, double? EtaSeconds, double PerMinute);

    public static Command Create(IAnsiConsole console)
    {
        var sweep = new Argument<string?>("sweep-id") { Description = "One sweep (default: every sweep in the cluster's store).", Arity = ArgumentArity.ZeroOrOne };
        var watch = new Option<bool>("--watch") { Description = "Live progress bars until the sweep ends (Ctrl-C stops watching, not the sweep)." };
        var contact = CommonOptions.Contact();
        var json = CommonOptions.Json();
        var command = new Command("status", "Progress of the cluster's sweeps: done, running, pending, failed, elapsed, ETA.") { sweep, watch, contact, json };
        command.SetAction((parse, ct) => ExecuteAsync(new Settings(parse.GetValue(sweep), parse.GetValue(watch), parse.GetValue(contact)!, parse.GetValue(json)), console, ct));
        return command;
    }

    public static Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Watch && settings.Json)
        {
            console.MarkupLine("[red]error[/] --watch and --json do not go together; poll 'sweep status --json' instead.");
            return Task.FromResult(ExitCodes.BadInput);
        }

        return ClusterCall.RunAsync(console, settings.Contact, async connection =>
        {
            var reply = settings.Sweep is null
                ? await ClusterCall.AskAsync(connection, new ListSweeps(), cancellationToken)
                : await ClusterCall.AskAsync(connection, new GetSweepStatus(new SweepId(settings.Sweep)), cancellationToken);
            IReadOnlyList<SweepStatus> statuses = reply switch
            {
                SweepList list => list.Sweeps,
                SweepStatus one => [one],
                _ => [],
            };
            if (reply is not (SweepList or SweepStatus))
            {
                return ClusterCall.Failed(console, reply);
            }

            if (settings.Watch)
            {
                return await WatchAsync(console, connection, statuses, cancellationToken);
            }

            var activity = await ClusterCall.AskAsync(connection, new GetActivity(), cancellationToken) as ClusterActivity;
            var rows = statuses.Select(s => RowOf(s, activity, DateTimeOffset.UtcNow)).ToList();
            if (settings.Json)
            {
                console.WriteLine(JsonSerializer.Serialize(new { cluster = connection.Contact, sweeps = rows }, CommonOptions.JsonOutput));
                return ExitCodes.Ok;
            }

            console.MarkupLineInterpolated($"cluster  {connection.Contact} · {rows.Count} sweep(s)");
            if (rows.Count == 0)
            {
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("sweep", "state", "done", "running", "pending", "failed", "elapsed", "rate/min", "ETA");
            foreach (var r in rows)
            {
                table.AddRow(
                    Markup.Escape(r.SweepId),
                    r.State,
                    $"{r.Done}/{r.Total}",
                    r.Running.ToString(),
                    r.Pending.ToString(),
                    r.Failed > 0 ? $"[red]{r.Failed}[/]" : "0",
                    TrialsCommand.Duration(TimeSpan.FromSeconds(r.ElapsedSeconds)),
                    r.PerMinute.ToString("F1"),
                    r.EtaSeconds is { } eta ? TrialsCommand.Duration(TimeSpan.FromSeconds(eta)) : "-");
            }

            console.Write(table);
            return ExitCodes.Ok;
        }, cancellationToken);
    }

    /// <summary>ETA: remaining trials at the sweep's recent pace (<see cref="SweepRate"/>); none while paused or without recent completions.</summary>
    public static Row RowOf(SweepStatus s, ClusterActivity? activity, DateTimeOffset now) => new(
        s.SweepId.Value, s.Name, ListCommand.StateOf(s, writerAlive: true), s.Total, s.Done, s.Running, s.Pending, s.Failed,
        Math.Max(0, (now - s.SubmittedAt).TotalSeconds), SweepRate.EtaSeconds(s, activity, now), Math.Round(SweepRate.PerMinute(s, activity, now), 2));

    private static async Task<int> WatchAsync(IAnsiConsole console, ClusterConnection connection, IReadOnlyList<SweepStatus> statuses, CancellationToken cancellationToken)
    {
        // Without an id: the sweeps still going (every sweep, if none is).
        var watched = statuses.Where(s => !s.IsFinished).Select(s => s.SweepId).ToList();
        if (watched.Count == 0)
        {
            watched = statuses.Select(s => s.SweepId).ToList();
        }

        if (watched.Count == 0)
        {
            console.MarkupLine("no sweep to watch.");
            return ExitCodes.Ok;
        }

        try
        {
            var final = await SweepBoard.WatchAsync(console, connection.Coordinator, watched, cancellationToken);
            foreach (var s in final)
            {
                console.MarkupLineInterpolated($"{s.SweepId}: {ListCommand.StateOf(s, writerAlive: true)} · {s.Done}/{s.Total} done · {s.Failed} failed");
            }
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]stopped watching[/]: the sweeps go on in the cluster.");
        }

        return ExitCodes.Ok;
    }
}
