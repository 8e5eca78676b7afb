using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Sweep.Actors.Monitoring;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep nodes</c>: per trainer node, its slots, busy slots, devices, trials done (from the journals) and recent
/// throughput (completions per minute over the coordinator's last 5 minutes). A node whose trainers are no longer
/// registered (left, killed) is listed as gone while the journals name it.
/// </summary>
public static class NodesCommand
{
    public sealed record Settings(string Contact, bool Json);


    public static Command Create(IAnsiConsole console)
    {
        var contact = CommonOptions.Contact();
        var json = CommonOptions.Json();
        var command = new Command("nodes", "Trainer nodes: slots, busy slots, devices, trials done and recent throughput.") { contact, json };
        command.SetAction((parse, ct) => ExecuteAsync(new Settings(parse.GetValue(contact)!, parse.GetValue(json)), console, ct));
        return command;
    }

    public static Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken) =>
        ClusterCall.RunAsync(console, settings.Contact, async connection =>
        {
            var reply = await ClusterCall.AskAsync(connection, new GetActivity(), cancellationToken);
            if (reply is not ClusterActivity activity)
            {
                return ClusterCall.Failed(console, reply);
            }

            var rows = NodeRows.Of(activity);
            if (settings.Json)
            {
                console.WriteLine(JsonSerializer.Serialize(new { window_seconds = activity.WindowSeconds, nodes = rows, slots = activity.Slots }, CommonOptions.JsonOutput));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("node", "state", "slots", "busy", "devices", "done", $"done, last {Window(activity.WindowSeconds)}", "trials/min");
            foreach (var r in rows)
            {
                table.AddRow(
                    Markup.Escape(r.Node),
                    r.Up ? "[green]up[/]" : "[grey]gone[/]",
                    r.Slots.ToString(),
                    r.Busy.ToString(),
                    Markup.Escape(string.Join(", ", r.Devices)),
                    r.Done.ToString(),
                    r.RecentDone.ToString(),
                    r.PerMinute.ToString("F1"));
            }

            console.Write(table);
            console.MarkupLineInterpolated($"[grey]{rows.Count(r => r.Up)} node(s) up · {rows.Sum(r => r.Slots)} slot(s) · {rows.Sum(r => r.Busy)} busy · {rows.Sum(r => r.PerMinute):F1} trials/min[/]");
            return ExitCodes.Ok;
        }, cancellationToken);

    /// <summary>"5 min", or "42 s" while the coordinator is younger than the window.</summary>
    private static string Window(double seconds) => seconds >= 60 ? $"{seconds / 60:F0} min" : $"{seconds:F0} s";
}
