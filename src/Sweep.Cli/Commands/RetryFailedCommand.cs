using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep retry-failed &lt;sweep-id&gt;</c>: the trials that failed every attempt run again with a fresh budget of attempts,
/// and a paused sweep continues. Persisted (<c>sweep-resumed</c> with retry).</summary>
public static class RetryFailedCommand
{
    public static Command Create(IAnsiConsole console) =>
        SweepSteering.Create(console, "retry-failed", "Run a sweep's failed trials again on the cluster, with a fresh budget of attempts.", id => new ResumeSweep(id, RetryFailed: true), "retrying");
}
