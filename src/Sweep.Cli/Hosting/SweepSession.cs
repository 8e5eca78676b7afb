using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Cli.Display;
using Sweep.Core.Sweeps;
using Sweep.Reporting;

namespace Sweep.Cli.Hosting;

/// <summary>
/// Runs a sweep in this process: opens the store for writing, sends the command that starts or continues the sweep
/// (submit, resume, extend), follows it to its end, and reports. Shared by <c>run</c>, <c>resume</c> and <c>extend</c>.
/// </summary>
public static class SweepSession
{
    /// <param name="dashboardPort">Serve the web dashboard from this process on 127.0.0.1 at this port (0: a free one) while the sweep runs.</param>
    public static async Task<int> RunAsync(IAnsiConsole console, NodeOptions options, ISweepWire start, bool mustExist, CancellationToken cancellationToken, int? dashboardPort = null)
    {
        console.MarkupLineInterpolated($"store    {options.Store.Describe()}");
        StoreSession session;
        try
        {
            session = await StoreSession.OpenForWritingAsync(options, mustExist, cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.MarkupLineInterpolated($"[red]error[/] could not start the node: {e.Message}");
            return ExitCodes.Unreachable;
        }

        await using (session)
        {
            var node = session.Node;
            var reply = await node.Coordinator.Ask<ISweepWire>(start, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (Refused(console, reply, options.Store.Describe()) is { } refused)
            {
                return refused;
            }

            var accepted = (SweepAccepted)reply;
            var outputs = SweepOutputs.WaitFor(node.System, accepted.SweepId);
            var results = Path.GetFullPath(ResultsFolder.PathFor(options.Settings?.ResultsRoot ?? "results", accepted.SweepId.Value));
            SweepReference.Write(results, new SweepReference(accepted.SweepId.Value, options.Store.Describe()));
            console.MarkupLineInterpolated($"sweep    {accepted.SweepId} · {accepted.Total} trials · {accepted.Done} already done · {accepted.Failed} failed · {options.Slots.Count} trainer slot(s)");
            console.MarkupLineInterpolated($"results  {results}");
            var resume = ResumeCommandFor(results, options.Store);
            await using var dashboard = dashboardPort is { } port ? await EmbeddedDashboard.StartAsync(console, node, port, cancellationToken) : null;

            var interrupted = (FormattableString)$"[yellow]interrupted[/]: finished trials are in the journal; continue with '{resume}'.";
            if (await FollowAsync(console, node.Coordinator, accepted.SweepId, interrupted, cancellationToken) is not { } status)
            {
                return ExitCodes.Interrupted;
            }

            // A finished sweep's ledger writes its outputs itself; a stopped one (paused, cancelled) is asked to.
            var folder = Stopped(status)
                ? (await node.Coordinator.Ask<ISweepWire>(new WriteSweepResults(accepted.SweepId), TimeSpan.FromSeconds(120), cancellationToken) as SweepResultsWritten)?.Folder ?? results
                : await outputs.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
            if (await SweepReportClient.FetchAsync(node.Coordinator, accepted.SweepId, cancellationToken) is { } report)
            {
                SweepReportClient.Print(console, report, folder);
            }

            return Outcome(console, status, resume);
        }
    }

    /// <summary>
    /// The same on a running cluster: the command goes through a node's gateway to the coordinator singleton, the
    /// trainers of the cluster run the trials, and the results folder is written here from the journaled results.
    /// </summary>
    public static async Task<int> RunOnClusterAsync(IAnsiConsole console, string contact, ISweepWire start, string resultsRoot, CancellationToken cancellationToken)
    {
        ClusterConnection connection;
        try
        {
            connection = await ClusterConnection.ConnectAsync(contact, TimeSpan.FromSeconds(30), cancellationToken);
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
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] --cluster: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using (connection)
        {
            console.MarkupLineInterpolated($"cluster  {connection.Contact}");
            var reply = await connection.Coordinator.Ask<ISweepWire>(start, TimeSpan.FromSeconds(60), cancellationToken);
            if (Refused(console, reply, "the cluster's store") is { } refused)
            {
                return refused;
            }

            var accepted = (SweepAccepted)reply;
            var folder = Path.GetFullPath(ResultsFolder.PathFor(resultsRoot, accepted.SweepId.Value));
            console.MarkupLineInterpolated($"sweep    {accepted.SweepId} · {accepted.Total} trials · {accepted.Done} already done · {accepted.Failed} failed");
            console.MarkupLineInterpolated($"results  {folder}");
            var detached = (FormattableString)$"[yellow]detached[/]: the sweep goes on in the cluster; follow it again with 'sweep resume {accepted.SweepId} --cluster {contact}'.";
            if (await FollowAsync(console, connection.Coordinator, accepted.SweepId, detached, cancellationToken) is not { } status)
            {
                return ExitCodes.Interrupted;
            }

            if (await SweepReportClient.WriteAsync(console, connection.Coordinator, accepted.SweepId, resultsRoot, cancellationToken) is not { } written)
            {
                return ExitCodes.Unreachable;
            }

            SweepReportClient.Print(console, written.Report, written.Folder);
            return Outcome(console, status, $"sweep resume {accepted.SweepId} --cluster {contact}");
        }
    }

    /// <summary>Follows the sweep to its end; null, with <paramref name="stopped"/> said, when Ctrl-C stopped following.</summary>
    private static async Task<SweepStatus?> FollowAsync(IAnsiConsole console, IActorRef coordinator, Core.Trials.SweepId sweepId, FormattableString stopped, CancellationToken cancellationToken)
    {
        try
        {
            return await SweepProgressView.FollowAsync(console, coordinator, sweepId, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            console.MarkupLineInterpolated(stopped);
            return null;
        }
    }

    /// <summary>Whether following ended because a command stopped the sweep before its end (not because every trial ran).</summary>
    public static bool Stopped(SweepStatus status) => status.Phase is SweepPhase.Cancelled or SweepPhase.Paused && status.Done + status.Failed < status.Total;

    /// <summary>
    /// How a followed sweep ended, said and turned into the exit code: cancelled or paused from elsewhere (4), some
    /// trials failed every attempt (1), or every trial done (0).
    /// </summary>
    public static int Outcome(IAnsiConsole console, SweepStatus status, string resume)
    {
        var left = status.Total - status.Done - status.Failed;
        switch (status.Phase)
        {
            case SweepPhase.Cancelled when left > 0:
                console.MarkupLineInterpolated($"[yellow]cancelled[/]: the sweep was cancelled before its end; {status.Done}/{status.Total} trials done, {left} will not run.");
                return ExitCodes.Stopped;
            case SweepPhase.Paused when left > 0:
                console.MarkupLineInterpolated($"[yellow]paused[/]: the sweep was paused; {status.Done}/{status.Total} trials done, {left} waiting. Continue with '{resume}'.");
                return ExitCodes.Stopped;
        }

        if (status.Failed > 0)
        {
            console.MarkupLineInterpolated($"[yellow]{status.Failed} trial(s) failed every attempt[/]; see summary.json. Retry with '{resume} --retry-failed'.");
            return ExitCodes.TrialsFailed;
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The command that continues this sweep as typed: its results folder, whose sweep.json names the store (so a
    /// non-default --store and --results carry over), plus the store for a PostgreSQL password sweep.json leaves out.
    /// </summary>
    public static string ResumeCommandFor(string resultsFolder, StoreLocation store)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, resultsFolder);
        var folder = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? resultsFolder : relative;
        return store.DescriptionOmitsSecrets ? $"sweep resume {folder} --store 'postgres:<the connection string, with its password>'" : $"sweep resume {folder}";
    }

    /// <summary>An unknown sweep id: say which sweeps the store has (exit 3).</summary>
    public static int Unknown(IAnsiConsole console, SweepUnknown unknown, StoreLocation store) => Unknown(console, unknown, store.Describe());

    private static int Unknown(IAnsiConsole console, SweepUnknown unknown, string store)
    {
        var known = unknown.Known.Count == 0 ? "it holds no sweep" : "it holds: " + string.Join(", ", unknown.Known.Select(k => k.Value));
        console.MarkupLineInterpolated($"[red]error[/] no sweep '{unknown.SweepId}' in {store}; {known}.");
        return ExitCodes.Unreachable;
    }

    /// <summary>The exit code when the coordinator refused a start command (bad input 2, unknown sweep 3); null when it accepted.</summary>
    private static int? Refused(IAnsiConsole console, ISweepWire reply, string store)
    {
        switch (reply)
        {
            case SweepRejected rejected:
                console.MarkupLineInterpolated($"[red]error[/] {rejected.Reason}");
                return ExitCodes.BadInput;
            case SweepUnknown unknown:
                return Unknown(console, unknown, store);
            default:
                return null;
        }
    }
}
