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
    public static async Task<int> RunAsync(IAnsiConsole console, NodeOptions options, ISweepWire start, bool mustExist, CancellationToken cancellationToken)
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

            SweepStatus status;
            try
            {
                status = await SweepProgressView.FollowAsync(console, node.Coordinator, accepted.SweepId, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.MarkupLineInterpolated($"[yellow]interrupted[/]: finished trials are in the journal; continue with 'sweep resume {accepted.SweepId}'.");
                return ExitCodes.Interrupted;
            }

            var folder = await outputs.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
            if (await SweepReportClient.FetchAsync(node.Coordinator, accepted.SweepId, cancellationToken) is { } report)
            {
                SweepReportClient.Print(console, report, folder);
            }

            if (status.Phase == SweepPhase.Paused)
            {
                console.MarkupLineInterpolated($"[yellow]paused[/]: continue with 'sweep resume {accepted.SweepId}'.");
                return ExitCodes.Ok;
            }

            if (status.Failed > 0)
            {
                console.MarkupLineInterpolated($"[yellow]{status.Failed} trial(s) failed every attempt[/]; see summary.json. Retry with 'sweep resume {accepted.SweepId} --retry-failed'.");
                return ExitCodes.TrialsFailed;
            }

            return ExitCodes.Ok;
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
            SweepStatus status;
            try
            {
                status = await SweepProgressView.FollowAsync(console, connection.Coordinator, accepted.SweepId, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.MarkupLineInterpolated($"[yellow]detached[/]: the sweep goes on in the cluster; follow it again with 'sweep resume {accepted.SweepId} --cluster {contact}'.");
                return ExitCodes.Interrupted;
            }

            if (await SweepReportClient.WriteAsync(console, connection.Coordinator, accepted.SweepId, resultsRoot, cancellationToken) is not { } written)
            {
                return ExitCodes.Unreachable;
            }

            SweepReportClient.Print(console, written.Report, written.Folder);

            return status.Failed > 0 ? ExitCodes.TrialsFailed : ExitCodes.Ok;
        }
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
