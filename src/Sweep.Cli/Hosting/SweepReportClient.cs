using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Aggregation;
using Sweep.Actors.Protocol;
using Sweep.Cli.Display;
using Sweep.Core.Trials;
using Sweep.Reporting;

namespace Sweep.Cli.Hosting;

/// <summary>
/// A client's view of a sweep's results: the <see cref="SweepReport"/> built (by <see cref="SweepReports"/>, as the
/// aggregator builds it) from the results the coordinator's journal holds, its results folder written here when the
/// nodes' disks are not the client's (<c>run --cluster</c>, <c>results --contact</c>), and its curve table printed.
/// </summary>
public static class SweepReportClient
{
    private const int Page = 100;

    /// <summary>Every result of a sweep, fetched in pages small enough for a remoting frame (w' included); null when the coordinator refused.</summary>
    public static async Task<SweepReport?> FetchAsync(IActorRef coordinator, SweepId sweepId, CancellationToken cancellationToken)
    {
        SweepResults? first = null;
        var completed = new List<TrialResult>(); // appended page by page: copying the list per page was O(n²) at 100,000 trials
        while (true)
        {
            if (await coordinator.Ask<ISweepWire>(new GetSweepResults(sweepId, completed.Count, Page), TimeSpan.FromSeconds(60), cancellationToken) is not SweepResults next)
            {
                return null;
            }

            first ??= next;
            completed.AddRange(next.Completed);
            if (next.Completed.Count < Page)
            {
                return SweepReports.From(first with { Completed = completed });
            }
        }
    }

    /// <summary>Fetches the report and writes its results folder under <paramref name="resultsRoot"/>; null (said on the console) when the coordinator did not return it.</summary>
    public static async Task<(SweepReport Report, string Folder)?> WriteAsync(IAnsiConsole console, IActorRef coordinator, SweepId sweepId, string resultsRoot, CancellationToken cancellationToken)
    {
        if (await FetchAsync(coordinator, sweepId, cancellationToken) is not { } report)
        {
            console.MarkupLine("[red]error[/] the coordinator did not return the results.");
            return null;
        }

        var folder = Path.GetFullPath(ResultsFolder.PathFor(resultsRoot, sweepId.Value));
        ResultsFolder.Write(report, folder);
        return (report, folder);
    }

    /// <summary>The curve table of the report (none before a trial finished), the MI line of an MI sweep, and the folder written.</summary>
    public static void Print(IAnsiConsole console, SweepReport report, string folder)
    {
        if (report.Results.Count > 0)
        {
            console.Write(CurveTable.Build(report));
            if (report.IsRateDistortion)
            {
                var confidence = report.Results.First(r => r.Config.Regularized is not null).Config.Regularized!.Confidence;
                console.Write(RateDistortionCurveTable.Build(report.RateDistortionCurves, confidence));
            }

            if (report.Mi is { } mi)
            {
                console.MarkupLine(Markup.Escape(mi.Kind == Core.Specs.MiKind.Supersample
                    ? $"CMI bounds: {mi.Describe()}; {report.MiEstimates.Count} group(s) estimated; nats; upper confidence (exact Clopper–Pearson, union over samples), each group's bound holds with probability ≥ 1 − δ; ss gap = held-out minus training halves of the same trainings (see summary.json)."
                    : $"MI term (est.): {mi.Describe()}; {report.MiEstimates.Count} group(s) estimated; nats; an estimated MI term from biased KSG estimates, not a bound (see summary.json)."));
            }
        }

        if (report.Topology is { } topology)
        {
            var groups = Reporting.Topology.TopologyTables.Ordered(report.TopologyEstimates)
                .Select(e => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Label}: {e.CircleCount} circle(s), longest H1 bar {e.LongestH1Persistence:F3}"));
            console.MarkupLine(Markup.Escape($"topology (est.): {topology.Describe()}; {string.Join("; ", groups)}{(report.TopologyFailures.Count > 0 ? $"; {report.TopologyFailures.Count} group(s) failed" : "")} (see topology/)."));
        }

        // Name what is there: a sweep with no finished trial has no plot, a rate-distortion sweep has its own files.
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Where(n => !n.StartsWith('.') && n != "sweep.json")
                .Concat(Directory.Exists(Path.Combine(folder, Reporting.Topology.TopologyOutputs.Folder)) ? [Reporting.Topology.TopologyOutputs.Folder + "/"] : []).Order(StringComparer.Ordinal).ToArray()
            : [];
        console.MarkupLineInterpolated($"wrote    {folder}/ ({string.Join(", ", files)})");
    }
}
