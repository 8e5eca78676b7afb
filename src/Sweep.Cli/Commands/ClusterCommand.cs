using System.CommandLine;
using Spectre.Console;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep cluster show | leave | down | down-unreachable</c>: the cluster's membership, through any node.</summary>
public static class ClusterCommand
{
    public static Command Create(IAnsiConsole console) => new("cluster", "Inspect and change the cluster's membership through any node (--contact).")
    {
        ClusterShowCommand.Create(console),
        ClusterLeaveCommand.Create(console),
        ClusterDownCommand.Create(console),
        ClusterDownUnreachableCommand.Create(console),
    };
}
