using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Sweep.Core.Estimators;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep mi x.csv y.csv</c>: estimates I(X; Y) in nats from paired samples (row i of x with row i of y), with KSG
/// or k-sliced MI. Bad files and arguments exit 2, naming the file, line and column.
/// </summary>
public static class MiCommand
{
    public sealed record Settings(
        string XPath,
        string YPath,
        string Estimator = "ksg",
        int K = Ksg.DefaultK,
        int Slices = 1000,
        int SliceDimension = 1,
        bool OneSided = false,
        long Seed = 0,
        bool Json = false);

    public static Command Create(IAnsiConsole console)
    {
        var x = new Argument<string>("x") { Description = "Samples of X: a CSV file, one sample a row (a header row is allowed)." };
        var y = new Argument<string>("y") { Description = "Samples of Y, paired row by row with x." };
        var estimator = new Option<string>("--estimator") { Description = "ksg (Kraskov et al. 2004) or ksmi (k-sliced MI over random slices, KSG per slice).", DefaultValueFactory = _ => "ksg" };
        var k = new Option<int>("--k") { Description = "KSG's number of neighbours (default 3).", DefaultValueFactory = _ => Ksg.DefaultK };
        var slices = new Option<int>("--slices") { Description = "ksmi: Monte Carlo slices m (default 1000).", DefaultValueFactory = _ => 1000 };
        var sliceDimension = new Option<int>("--slice-dim") { Description = "ksmi: slice dimension k (default 1).", DefaultValueFactory = _ => 1 };
        var oneSided = new Option<bool>("--one-sided") { Description = "ksmi: slice x only and keep y whole." };
        var seed = new Option<long>("--seed") { Description = "Seed of the slices and of the jitter against ties (default 0)." };
        var json = CommonOptions.Json();
        var command = new Command("mi", "Estimate the mutual information (nats) between paired samples in two CSV files.")
        {
            x, y, estimator, k, slices, sliceDimension, oneSided, seed, json,
        };
        command.SetAction(parse => Execute(
            new Settings(
                parse.GetValue(x)!,
                parse.GetValue(y)!,
                parse.GetValue(estimator)!,
                parse.GetValue(k),
                parse.GetValue(slices),
                parse.GetValue(sliceDimension),
                parse.GetValue(oneSided),
                parse.GetValue(seed),
                parse.GetValue(json)),
            console));
        return command;
    }

    public static int Execute(Settings settings, IAnsiConsole console)
    {
        if (settings.Estimator is not ("ksg" or "ksmi"))
        {
            return Fail(console, settings.Json, null, $"--estimator must be ksg or ksmi, not '{settings.Estimator}'.");
        }

        try
        {
            var (x, y) = PairedSampleCsv.Read(settings.XPath, settings.YPath);
            var warnings = ZeroVariance(settings.XPath, x).Concat(ZeroVariance(settings.YPath, y)).ToList();
            var ksg = new KsgOptions(K: settings.K, Seed: settings.Seed);
            if (settings.Estimator == "ksg")
            {
                Report(console, settings, x, y, Ksg.Estimate(x, y, ksg), null, warnings);
            }
            else
            {
                var sliced = SlicedMi.Estimate(x, y, new SlicedMiOptions(settings.Slices, settings.SliceDimension, settings.OneSided, settings.Seed, ksg));
                Report(console, settings, x, y, sliced.Mean, sliced, warnings);
            }

            return ExitCodes.Ok;
        }
        catch (SampleFileException e)
        {
            return Fail(console, settings.Json, e, e.Message);
        }
        catch (EstimatorInputException e)
        {
            // The files are fine as CSV, but not enough (or not paired) for the estimator: say which files.
            return Fail(console, settings.Json, null, $"{settings.XPath}, {settings.YPath}: {e.Message}");
        }
    }

    /// <summary>A warning per constant column: its MI with anything is 0, and KSG's number for it comes from the jitter alone.</summary>
    private static IEnumerable<string> ZeroVariance(string file, SampleMatrix samples) =>
        samples.ConstantColumns().Select(c =>
            $"{file}: column {c + 1} has zero variance (every row holds {samples[0, c].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}); a constant carries no information (its MI is 0), so what KSG reports for it is tie-breaking jitter, not dependence");

    private static void Report(IAnsiConsole console, Settings settings, SampleMatrix x, SampleMatrix y, double nats, SlicedMiEstimate? sliced, IReadOnlyList<string> warnings)
    {
        if (settings.Json)
        {
            console.WriteLine(JsonSerializer.Serialize(new
            {
                ok = true,
                estimator = settings.Estimator,
                units = "nats",
                mi_nats = nats,
                standard_error_nats = sliced?.StandardError,
                samples = x.Count,
                x_dimension = x.Dimension,
                y_dimension = y.Dimension,
                k = settings.K,
                seed = settings.Seed,
                slices = sliced?.PerSlice.Count,
                slice_dimension = sliced is null ? (int?)null : settings.SliceDimension,
                one_sided = sliced is null ? (bool?)null : settings.OneSided,
                per_slice_nats = sliced?.PerSlice,
                warnings,
            }, CommonOptions.JsonOutput));
            return;
        }

        foreach (var warning in warnings)
        {
            console.MarkupLineInterpolated($"[yellow]warning[/] {warning}");
        }

        var shape = $"n = {x.Count}, X ∈ R^{x.Dimension}, Y ∈ R^{y.Dimension}";
        if (sliced is null)
        {
            console.MarkupLineInterpolated($"I(X; Y) ≈ [bold]{nats:F4}[/] nats (KSG, k = {settings.K}, {shape})");
            return;
        }

        var sides = settings.OneSided ? "one-sided" : "two-sided";
        console.MarkupLineInterpolated(
            $"SI_{settings.SliceDimension}(X; Y) ≈ [bold]{nats:F4}[/] ± {sliced.StandardError:F4} nats (standard error over {sliced.PerSlice.Count} {sides} slices; KSG k = {settings.K}; {shape})");
    }

    private static int Fail(IAnsiConsole console, bool json, SampleFileException? file, string message)
    {
        if (json)
        {
            console.WriteLine(JsonSerializer.Serialize(
                new { ok = false, error = new { file = file?.File, line = file?.Line, column = file?.Column, message } },
                CommonOptions.JsonOutput));
        }
        else
        {
            console.MarkupLineInterpolated($"[red]error[/] {message}");
        }

        return ExitCodes.BadInput;
    }
}
