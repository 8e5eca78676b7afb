using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep cluster down-unreachable</c>: down every member the contacted node cannot reach.</summary>
public static class ClusterDownUnreachableCommand
{
    public sealed record Settings(string Contact);

    public static Command Create(IAnsiConsole console)
    {
        var contact = CommonOptions.Contact();
        var command = new Command("down-unreachable", "Down every member the contacted node sees as unreachable.") { contact };
        command.SetAction((parse, ct) => ExecuteAsync(new Settings(parse.GetValue(contact)!), console, ct));
        return command;
    }

    public static Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken) =>
        MembershipRequest.SendAsync(console, settings.Contact, new DownUnreachable(), cancellationToken);
}
