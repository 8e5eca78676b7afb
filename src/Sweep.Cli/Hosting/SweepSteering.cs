using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Cli.Hosting;

/// <summary>
/// Sends a persisted command (pause, resume, cancel, retry failed) for one sweep to the cluster's coordinator and
/// reports its answer, which comes only once the change is in the journal. Does not follow the sweep.
/// </summary>
public static class SweepSteering
{
    public sealed record Settings(string Sweep, string Contact);

    /// <summary>The command line of one steering command: <c>sweep &lt;name&gt; &lt;sweep-id&gt; [--contact]</c>.</summary>
    public static Command Create(IAnsiConsole console, string name, string description, Func<SweepId, ISweepCommand> message, string done)
    {
        var sweep = new Argument<string>("sweep-id") { Description = "The sweep." };
        var contact = CommonOptions.Contact();
        var command = new Command(name, description) { sweep, contact };
        command.SetAction((parse, ct) =>
        {
            var settings = new Settings(parse.GetValue(sweep)!, parse.GetValue(contact)!);
            return SendAsync(console, settings.Contact, message(new SweepId(settings.Sweep)), done, ct);
        });
        return command;
    }

    public static Task<int> SendAsync(IAnsiConsole console, string contact, ISweepCommand command, string done, CancellationToken cancellationToken) =>
        ClusterCall.RunAsync(console, contact, async connection =>
        {
            var reply = await ClusterCall.AskAsync(connection, command, cancellationToken);
            switch (reply)
            {
                case SweepStatus s:
                    console.MarkupLineInterpolated($"{done,-9} {s.SweepId} · {s.Phase.ToString().ToLowerInvariant()} · {s.Done}/{s.Total} done · {s.Running} running (they finish) · {s.Pending} pending · {s.Failed} failed");
                    return ExitCodes.Ok;
                case SweepAccepted a:
                    console.MarkupLineInterpolated($"{done,-9} {a.SweepId} · {a.Done}/{a.Total} done · {a.Pending} pending · {a.Failed} failed");
                    console.MarkupLineInterpolated($"follow   sweep status {a.SweepId} --watch --contact {contact}");
                    return ExitCodes.Ok;
                default:
                    return ClusterCall.Failed(console, reply);
            }
        }, cancellationToken);
}
