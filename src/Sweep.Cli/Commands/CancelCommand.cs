using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep cancel &lt;sweep-id&gt;</c>: the sweep stops for good; nothing more starts. Persisted (<c>sweep-cancelled</c>).</summary>
public static class CancelCommand
{
    public static Command Create(IAnsiConsole console) =>
        SweepSteering.Create(console, "cancel", "Cancel a sweep on the cluster: nothing more starts; its results so far stay.", id => new CancelSweep(id), "cancelled");
}
