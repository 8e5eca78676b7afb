using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep cluster show</c>: the members with their roles, status and reachability, the leader, and where the
/// coordinator singleton runs, as the contacted node sees them. Needs no coordinator.
/// </summary>
public static class ClusterShowCommand
{
    public sealed record Settings(string Contact, bool Json);

    public static Command Create(IAnsiConsole console)
    {
        var contact = CommonOptions.Contact();
        var json = CommonOptions.Json();
        var command = new Command("show", "Members, roles, status, reachability, the leader and the coordinator's node.") { contact, json };
        command.SetAction((parse, ct) => ExecuteAsync(new Settings(parse.GetValue(contact)!, parse.GetValue(json)), console, ct));
        return command;
    }

    public static Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken) =>
        ClusterCall.RunAsync(console, settings.Contact, async connection =>
        {
            if (await ClusterCall.AskAsync(connection, new GetClusterState(), cancellationToken) is not ClusterState state)
            {
                console.MarkupLine("[red]error[/] the node did not describe the cluster.");
                return ExitCodes.Unreachable;
            }

            if (settings.Json)
            {
                console.WriteLine(JsonSerializer.Serialize(state, CommonOptions.JsonOutput));
                return ExitCodes.Ok;
            }

            console.MarkupLineInterpolated($"seen by      {state.SeenBy}");
            console.MarkupLineInterpolated($"leader       {state.Leader ?? "(none)"}");
            console.MarkupLineInterpolated($"coordinator  {state.Coordinator ?? "(none: no Up member with role coordinator)"}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("address", "roles", "status", "reachable", "");
            foreach (var m in state.Members)
            {
                var notes = new List<string>();
                if (m.Address == state.Leader)
                {
                    notes.Add("leader");
                }

                if (m.Address == state.Coordinator)
                {
                    notes.Add("coordinator singleton");
                }

                table.AddRow(
                    Markup.Escape(m.Address),
                    Markup.Escape(string.Join(',', m.Roles)),
                    m.Status,
                    m.Reachable ? "[green]yes[/]" : "[red]UNREACHABLE[/]",
                    string.Join(", ", notes));
            }

            console.Write(table);
            return ExitCodes.Ok;
        }, cancellationToken, new GetClusterState());
}
