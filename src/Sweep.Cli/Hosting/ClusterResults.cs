using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Cli.Display;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;
using Sweep.Reporting;

namespace Sweep.Cli.Hosting;

/// <summary>
/// A sweep's results folder written here, on the client, from the results the cluster's journal holds (the nodes'
/// disks are not the client's), and the curve table printed. Shared by <c>run --cluster</c> and <c>results --contact</c>.
/// </summary>
public static class ClusterResults
{
    /// <returns>The sweep's results, or null when the coordinator did not return them (said on the console).</returns>
    public static async Task<SweepResults?> WriteAsync(IAnsiConsole console, ClusterConnection connection, SweepId sweepId, int total, string folder, CancellationToken cancellationToken, bool print = true)
    {
        if (await SweepSession.FetchResultsAsync(connection.Coordinator, sweepId, cancellationToken) is not { } results)
        {
            console.MarkupLine("[red]error[/] the coordinator did not return the results.");
            return null;
        }

        var failed = results.Failed.Select(f => new FailedTrialSummary(f.Config, f.Attempts, f.Reason)).ToList();
        ResultsFolder.Write(new SweepReport(sweepId.Value, results.Spec.Name, SpecHash.Full(results.Spec), results.Spec.Bound.Sigma, total, results.Completed, failed), folder);
        if (!print)
        {
            return results;
        }

        if (results.Completed.Count > 0)
        {
            console.Write(CurveTable.Build(MiBoundCurves.Attach(BoundCurves.For(results.Completed), results.MiEstimates ?? []), results.Spec.Bound.Sigma, IntrinsicDimension90.Baselines(results.Completed)));
        }

        console.MarkupLineInterpolated($"wrote    {folder}/ (trials.csv, curves.csv, summary.json, bound-curve.png, bound-curve.svg)");
        return results;
    }
}
