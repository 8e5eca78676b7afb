using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep cluster leave &lt;address&gt;</c>: the member leaves gracefully (its trials go back to the queue; a coordinator hands over).</summary>
public static class ClusterLeaveCommand
{
    public static Command Create(IAnsiConsole console) =>
        MembershipRequest.Create(console, "leave", "Ask a member to leave the cluster gracefully.", a => new LeaveMember(a));
}
