using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Sweep.Core.Topology;

namespace Sweep.Core.Tests.Topology;

/// <summary>
/// Debian's <c>ripser</c> (1.2) run on a lower-triangular distance matrix file: the reference barcodes. It reads
/// values as 32-bit floats and prints them with 6 significant digits, so callers feed it distances with few digits.
/// </summary>
internal static partial class RipserBinary
{
    public const string Program = "/usr/bin/ripser";

    public static void RequireInstalled() =>
        Assert.True(File.Exists(Program), $"{Program} is missing: apt-get install -y ripser (the reference these tests compare against).");

    /// <summary>The bars ripser prints, per dimension (0 and 1), infinite deaths as +∞.</summary>
    public static List<PersistenceInterval>[] Barcodes(DistanceMatrix distances, double? threshold = null)
    {
        var file = Path.GetTempFileName();
        try
        {
            using (var writer = new StreamWriter(file))
            {
                for (var i = 1; i < distances.Count; i++)
                {
                    writer.WriteLine(string.Join(',', Enumerable.Range(0, i).Select(j => distances[i, j].ToString("R", CultureInfo.InvariantCulture))));
                }
            }

            var arguments = new List<string> { "--format", "lower-distance", "--dim", "1" };
            if (threshold is { } t)
            {
                arguments.AddRange(["--threshold", t.ToString("R", CultureInfo.InvariantCulture)]);
            }

            arguments.Add(file);
            return Parse(Run(arguments));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ripser exited {process.ExitCode}: {error}");
        return output;
    }

    private static List<PersistenceInterval>[] Parse(string output)
    {
        var bars = new[] { new List<PersistenceInterval>(), new List<PersistenceInterval>() };
        var dimension = -1;
        foreach (var line in output.Split('\n'))
        {
            var header = DimensionHeader().Match(line);
            if (header.Success)
            {
                dimension = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
                continue;
            }

            var bar = Interval().Match(line);
            if (bar.Success && dimension is 0 or 1)
            {
                var birth = double.Parse(bar.Groups[1].Value, CultureInfo.InvariantCulture);
                var death = bar.Groups[2].Value.Trim().Length == 0
                    ? double.PositiveInfinity
                    : double.Parse(bar.Groups[2].Value, CultureInfo.InvariantCulture);
                bars[dimension].Add(new PersistenceInterval(birth, death));
            }
        }

        Assert.True(dimension >= 0, "ripser printed no barcodes:\n" + output);
        return bars;
    }

    [GeneratedRegex(@"^persistence intervals in dim (\d+):")]
    private static partial Regex DimensionHeader();

    [GeneratedRegex(@"^\s*\[([^,]+),([^)]*)\)\s*$")]
    private static partial Regex Interval();
}
