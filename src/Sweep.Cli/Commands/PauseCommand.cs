using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep pause &lt;sweep-id&gt;</c>: no new trial of the sweep starts; running ones finish. Persisted (<c>sweep-paused</c>); <c>sweep resume &lt;id&gt; --contact</c> continues it.</summary>
public static class PauseCommand
{
    public static Command Create(IAnsiConsole console) =>
        SweepSteering.Create(console, "pause", "Pause a sweep on the cluster: nothing new starts, running trials finish.", id => new PauseSweep(id), "paused");
}
