using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
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

    public sealed record NodeRow(string Node, bool Up, int Slots, int Busy, IReadOnlyList<string> Devices, int Done, int RecentDone, double PerMinute);

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

            var rows = Rows(activity);
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

    /// <summary>Slots "host:port/device#i" grouped by node "host:port"; devices as "cpu ×2".</summary>
    public static IReadOnlyList<NodeRow> Rows(ClusterActivity activity)
    {
        var minutes = Math.Max(activity.WindowSeconds, 1) / 60;
        return activity.Slots
            .GroupBy(s => s.Slot.Split('/')[0])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var live = g.Where(s => s.Registered).ToList();
                var devices = (live.Count > 0 ? live : g.ToList())
                    .GroupBy(s => DeviceOf(s.Slot))
                    .Select(d => d.Count() > 1 ? $"{d.Key} ×{d.Count()}" : d.Key)
                    .ToList();
                var recent = g.Sum(s => s.RecentDone);
                return new NodeRow(g.Key, live.Count > 0, live.Count, g.Sum(s => s.Busy), devices, g.Sum(s => s.Done), recent, Math.Round(recent / minutes, 2));
            })
            .ToList();
    }

    /// <summary>"5 min", or "42 s" while the coordinator is younger than the window.</summary>
    private static string Window(double seconds) => seconds >= 60 ? $"{seconds / 60:F0} min" : $"{seconds:F0} s";

    private static string DeviceOf(string slot)
    {
        var device = slot.Contains('/') ? slot[(slot.IndexOf('/') + 1)..] : slot;
        return device.Contains('#') ? device[..device.IndexOf('#')] : device;
    }
}
