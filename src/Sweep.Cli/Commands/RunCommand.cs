using System.CommandLine;
using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Cli.Display;
using Sweep.Cli.Hosting;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep run spec.yaml</c>: the embedded default. One process holds every role (a single-node Akka cluster on
/// 127.0.0.1), journals to SQLite, trains every grid point and writes the results folder.
/// </summary>
public static class RunCommand
{
    public sealed record Settings(string SpecPath, string Store, string ResultsRoot, int Slots, int MaxAttempts);

    public static Command Create(IAnsiConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The sweep spec (YAML)." };
        var store = CommonOptions.Store();
        var results = CommonOptions.Results();
        var slots = CommonOptions.Slots();
        var attempts = CommonOptions.MaxAttempts();
        var command = new Command("run", "Run a sweep in this process (every role, SQLite journal) and write its results.")
        {
            spec, store, results, slots, attempts,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(spec)!, parse.GetValue(store)!, parse.GetValue(results)!, parse.GetValue(slots), parse.GetValue(attempts)),
            console,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Slots < 1 || settings.MaxAttempts < 1)
        {
            console.MarkupLine("[red]error[/] --slots and --max-attempts must be at least 1.");
            return ExitCodes.BadInput;
        }

        SweepSpec spec;
        string specText;
        try
        {
            spec = SpecReader.ReadFile(settings.SpecPath);
            specText = await File.ReadAllTextAsync(settings.SpecPath, cancellationToken);
        }
        catch (SpecValidationException e)
        {
            SpecErrors.Write(console, e, json: false);
            return ExitCodes.BadInput;
        }

        StoreLocation store;
        try
        {
            store = StoreLocation.Parse(settings.Store);
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] --store: {e.Message}");
            return ExitCodes.BadInput;
        }

        return await SweepSession.RunAsync(
            console,
            new NodeOptions
            {
                Store = store,
                Slots = NodeOptions.CpuSlots(settings.Slots),
                Settings = new SweepSettings(200, settings.MaxAttempts, settings.ResultsRoot),
            },
            new SubmitSweep(spec, specText, settings.MaxAttempts),
            cancellationToken);
    }
}

/// <summary>Starts an embedded node, sends it a command that starts or continues a sweep, follows it, and reports.</summary>
public static class SweepSession
{
    public static async Task<int> RunAsync(IAnsiConsole console, NodeOptions options, ISweepWire start, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"store    {options.Store.Describe()}");
        EmbeddedNode node;
        try
        {
            node = await EmbeddedNode.StartAsync(options, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.MarkupLineInterpolated($"[red]error[/] could not start the node: {e.Message}");
            return ExitCodes.Unreachable;
        }

        await using (node)
        {
            var reply = await node.Coordinator.Ask<ISweepWire>(start, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (reply is SweepRejected rejected)
            {
                console.MarkupLineInterpolated($"[red]error[/] {rejected.Reason}");
                return ExitCodes.BadInput;
            }

            var accepted = (SweepAccepted)reply;
            var outputs = SweepOutputs.WaitFor(node.System, accepted.SweepId);
            var results = Path.GetFullPath(Path.Combine(options.Settings?.ResultsRoot ?? "results", accepted.SweepId.Value));
            console.MarkupLineInterpolated($"sweep    {accepted.SweepId} · {accepted.Total} trials · {accepted.Done} already done · {options.Slots.Count} trainer slot(s)");
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
            var final = await node.Coordinator.Ask<ISweepWire>(new GetSweepResults(accepted.SweepId), TimeSpan.FromSeconds(60), cancellationToken);
            if (final is SweepResults sweepResults && sweepResults.Completed.Count > 0)
            {
                console.Write(CurveTable.Build(BoundCurves.AgainstDimension(sweepResults.Completed), sweepResults.Spec.Bound.Sigma));
            }

            console.MarkupLineInterpolated($"wrote    {folder}/ (trials.csv, curves.csv, summary.json, bound-curve.png, bound-curve.svg)");
            if (status.Failed > 0)
            {
                console.MarkupLineInterpolated($"[yellow]{status.Failed} trial(s) failed every attempt[/]; see summary.json. Retry with 'sweep resume {accepted.SweepId} --retry-failed'.");
                return ExitCodes.TrialsFailed;
            }

            return ExitCodes.Ok;
        }
    }
}
