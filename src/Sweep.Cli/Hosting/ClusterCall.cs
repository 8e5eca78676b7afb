using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Protocol;

namespace Sweep.Cli.Hosting;

/// <summary>
/// What every cluster command does around its own work: connect to the contact node (exit 3, naming the address,
/// when nothing answers), ask, and turn the replies that mean "no such sweep" or "refused" into messages and exit codes.
/// </summary>
public static class ClusterCall
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);

    /// <param name="probe">Default: the coordinator must answer. Membership commands pass <see cref="GetClusterState"/>: the contacted node suffices.</param>
    public static async Task<int> RunAsync(IAnsiConsole console, string contact, Func<ClusterConnection, Task<int>> work, CancellationToken cancellationToken, ISweepWire? probe = null)
    {
        ClusterConnection connection;
        try
        {
            connection = await ClusterConnection.ConnectAsync(contact, ConnectTimeout, cancellationToken, probe);
        }
        catch (TimeoutException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (Sweep.Actors.Security.TlsConfigurationException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] --tls-cert {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            console.MarkupLineInterpolated($"[red]error[/] --contact: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using (connection)
        {
            try
            {
                return await work(connection);
            }
            catch (AskTimeoutException)
            {
                console.MarkupLineInterpolated($"[red]error[/] the cluster at {connection.Contact} stopped answering (no coordinator?).");
                return ExitCodes.Unreachable;
            }
        }
    }

    public static Task<ISweepWire> AskAsync(ClusterConnection connection, ISweepWire message, CancellationToken cancellationToken) =>
        connection.Coordinator.Ask<ISweepWire>(message, AskTimeout, cancellationToken);

    /// <summary>For a reply that is not the expected answer: the message, and exit 3 for an unknown sweep, 2 for a refusal.</summary>
    public static int Failed(IAnsiConsole console, ISweepWire reply)
    {
        switch (reply)
        {
            case SweepUnknown unknown:
                var known = unknown.Known.Count == 0 ? "it holds no sweep" : "it holds: " + string.Join(", ", unknown.Known.Select(k => k.Value));
                console.MarkupLineInterpolated($"[red]error[/] no sweep '{unknown.SweepId}' in the cluster's store; {known}.");
                return ExitCodes.Unreachable;
            case SweepRejected rejected:
                console.MarkupLineInterpolated($"[red]error[/] {rejected.Reason}");
                return ExitCodes.BadInput;
            case MembershipRefused refused:
                console.MarkupLineInterpolated($"[red]error[/] {refused.Reason} Members: {string.Join(", ", refused.Members)}.");
                return ExitCodes.BadInput;
            default:
                console.MarkupLineInterpolated($"[red]error[/] unexpected reply {reply.GetType().Name}.");
                return ExitCodes.Unreachable;
        }
    }
}
