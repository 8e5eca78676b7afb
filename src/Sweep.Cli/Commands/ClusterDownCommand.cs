using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep cluster down &lt;address&gt;</c>: mark a member down, for a node known to be dead; its trials go back to the queue.</summary>
public static class ClusterDownCommand
{
    public static Command Create(IAnsiConsole console) =>
        MembershipRequest.Create(console, "down", "Mark a member as down (it is removed from the cluster).", a => new DownMember(a));
}
