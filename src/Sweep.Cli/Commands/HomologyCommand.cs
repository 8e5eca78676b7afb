using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Sweep.Core.Estimators;
using Sweep.Core.Topology;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep homology points.csv</c>: the Vietoris–Rips barcodes (H₀ and H₁ over Z/2) of a point cloud (Euclidean
/// distances between rows) or of a distance matrix. Bad files and arguments exit 2, naming the file, line and column.
/// </summary>
public static class HomologyCommand
{
    public sealed record Settings(string Path, bool DistanceMatrix = false, int MaxDimension = 1, double? Threshold = null, bool Json = false);

    public static Command Create(IAnsiConsole console)
    {
        var path = new Argument<string>("points") { Description = "A CSV file: one point a row (a header row is allowed), or with --distance-matrix a square matrix of distances." };
        var distanceMatrix = new Option<bool>("--distance-matrix") { Description = "The file is a symmetric, non-negative distance matrix with zero diagonal, not points." };
        var maxDim = new Option<int>("--max-dim") { Description = "Highest homology dimension: 0 or 1 (default 1).", DefaultValueFactory = _ => 1 };
        var threshold = new Option<double?>("--threshold") { Description = "Largest edge length in the filtration (default: the enclosing radius, past which nothing changes)." };
        var json = CommonOptions.Json();
        var command = new Command("homology", "Persistent homology (Vietoris–Rips, dimensions 0 and 1, Z/2) of a point cloud or distance matrix in a CSV file.")
        {
            path, distanceMatrix, maxDim, threshold, json,
        };
        command.SetAction(parse => Execute(
            new Settings(parse.GetValue(path)!, parse.GetValue(distanceMatrix), parse.GetValue(maxDim), parse.GetValue(threshold), parse.GetValue(json)),
            console));
        return command;
    }

    public static int Execute(Settings settings, IAnsiConsole console)
    {
        if (settings.MaxDimension is not (0 or 1))
        {
            return Fail(console, settings.Json, null, $"--max-dim must be 0 or 1, not {settings.MaxDimension}.");
        }

        if (settings.Threshold is { } t && !(t >= 0 && double.IsFinite(t)))
        {
            return Fail(console, settings.Json, null, $"--threshold must be a finite number ≥ 0, not {t.ToString(CultureInfo.InvariantCulture)}.");
        }

        try
        {
            var distances = settings.DistanceMatrix
                ? DistanceMatrixCsv.ReadFile(settings.Path)
                : DistanceMatrix.FromPoints(PairedSampleCsv.ReadFile(settings.Path));
            var bars = VietorisRips.Compute(distances, new RipsOptions(settings.MaxDimension, settings.Threshold));
            Report(console, settings, bars);
            return ExitCodes.Ok;
        }
        catch (SampleFileException e)
        {
            return Fail(console, settings.Json, e, e.Message);
        }
    }

    private static void Report(IAnsiConsole console, Settings settings, PersistenceBarcodes bars)
    {
        if (settings.Json)
        {
            console.WriteLine(JsonSerializer.Serialize(new
            {
                ok = true,
                points = bars.Points,
                max_dimension = bars.MaxDimension,
                threshold = bars.Threshold,
                coefficients = "Z/2",
                // A null death is an essential class: it never dies below the threshold.
                h0 = Pairs(bars.H0),
                h1 = bars.MaxDimension >= 1 ? Pairs(bars.H1) : null,
            }, CommonOptions.JsonOutput));
            return;
        }

        var source = settings.DistanceMatrix ? "distance matrix" : "point cloud";
        console.MarkupLineInterpolated($"Vietoris–Rips barcodes over Z/2 of a {source} of {bars.Points} points, edges up to {bars.Threshold:G6}");
        for (var dimension = 0; dimension <= bars.MaxDimension; dimension++)
        {
            var intervals = bars.Dimension(dimension);
            console.MarkupLineInterpolated($"H{dimension}: {intervals.Count} bars, {intervals.Count(b => b.IsEssential)} essential");
            foreach (var bar in intervals)
            {
                var death = bar.IsEssential ? " " : bar.Death.ToString("G6", CultureInfo.InvariantCulture);
                console.WriteLine($"  [{bar.Birth.ToString("G6", CultureInfo.InvariantCulture)},{death})");
            }
        }
    }

    private static double?[][] Pairs(IReadOnlyList<PersistenceInterval> bars) =>
        bars.Select(b => new double?[] { b.Birth, b.IsEssential ? null : b.Death }).ToArray();

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
