using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;
using Sweep.Core.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep trials &lt;sweep-id&gt; --state running|failed|done</c>: trial id, grid point, node, attempt, elapsed
/// time, last heartbeat (step, loss), and for failures the error.
/// </summary>
public static class TrialsCommand
{
    public static readonly string[] States = ["running", "failed", "done", "pending"];

    public sealed record Settings(string Sweep, string State, string Contact, bool Json);

    public static Command Create(IAnsiConsole console)
    {
        var sweep = new Argument<string>("sweep-id") { Description = "The sweep." };
        var state = new Option<string>("--state") { Description = "Which trials: running (default), failed, done or pending.", DefaultValueFactory = _ => "running" };
        var contact = CommonOptions.Contact();
        var json = CommonOptions.Json();
        var command = new Command("trials", "A sweep's trials in one state, with node, attempt, elapsed time, last heartbeat and error.") { sweep, state, contact, json };
        command.SetAction((parse, ct) => ExecuteAsync(new Settings(parse.GetValue(sweep)!, parse.GetValue(state)!, parse.GetValue(contact)!, parse.GetValue(json)), console, ct));
        return command;
    }

    public static Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!States.Contains(settings.State))
        {
            console.MarkupLineInterpolated($"[red]error[/] --state {settings.State}: use {string.Join(", ", States)}.");
            return Task.FromResult(ExitCodes.BadInput);
        }

        return ClusterCall.RunAsync(console, settings.Contact, async connection =>
        {
            var reply = await ClusterCall.AskAsync(connection, new GetSweepTrials(new SweepId(settings.Sweep), settings.State), cancellationToken);
            if (reply is not SweepTrials trials)
            {
                return ClusterCall.Failed(console, reply);
            }

            if (settings.Json)
            {
                console.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        sweep_id = trials.SweepId.Value,
                        state = trials.State,
                        trials = trials.Trials.Select(t => new
                        {
                            trial_id = t.TrialId.Value,
                            d = t.D,
                            seed = t.Seed,
                            point = t.Point,
                            node = t.Node,
                            attempt = t.Attempt,
                            started_at = t.StartedAt,
                            elapsed_seconds = t.Seconds,
                            step = t.Step,
                            total_steps = t.TotalSteps,
                            loss = t.Loss,
                            error = t.Error,
                        }),
                    },
                    CommonOptions.JsonOutput));
                return ExitCodes.Ok;
            }

            console.MarkupLineInterpolated($"sweep    {trials.SweepId} · {trials.Trials.Count} {trials.State} trial(s)");
            if (trials.Trials.Count == 0)
            {
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("trial", "point", "node", "attempt", "elapsed", "step", "loss");
            var withErrors = trials.Trials.Any(t => t.Error is not null);
            if (withErrors)
            {
                table.AddColumn("error");
            }

            foreach (var t in trials.Trials)
            {
                var cells = new List<string>
                {
                    Markup.Escape(t.TrialId.Value),
                    Markup.Escape(t.Point),
                    Markup.Escape(t.Node ?? "-"),
                    t.Attempt.ToString(CultureInfo.InvariantCulture),
                    t.Seconds is { } s ? Duration(TimeSpan.FromSeconds(s)) : "-",
                    t.TotalSteps > 0 ? $"{t.Step}/{t.TotalSteps}" : "-",
                    double.IsNaN(t.Loss) ? "-" : t.Loss.ToString("G4", CultureInfo.InvariantCulture),
                };
                if (withErrors)
                {
                    cells.Add(t.Error is null ? "" : "[red]" + Markup.Escape(t.Error) + "[/]");
                }

                table.AddRow(cells.ToArray());
            }

            console.Write(table);
            return ExitCodes.Ok;
        }, cancellationToken);
    }

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:D2}s" : $"{t.TotalSeconds:F1}s";
}
