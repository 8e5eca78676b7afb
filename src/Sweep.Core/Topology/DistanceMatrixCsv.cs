using System.Globalization;
using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// Reads a distance matrix from a CSV file: n rows of n comma-separated numbers, symmetric, non-negative, zero on the
/// diagonal. Blank lines and a header row are handled as <see cref="PairedSampleCsv"/> handles them; every error
/// names the file, line and column (<see cref="SampleFileException"/>).
/// </summary>
public static class DistanceMatrixCsv
{
    public static DistanceMatrix ReadFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleFileException(path, 0, 0, $"cannot be read: {e.Message}");
        }

        return Parse(lines, path);
    }

    public static DistanceMatrix Parse(IReadOnlyList<string> lines, string file)
    {
        var rows = PairedSampleCsv.Parse(lines, file);
        var lineOfRow = DataLines(lines);
        if (rows.Count != rows.Dimension)
        {
            throw new SampleFileException(file, 0, 0, $"has {rows.Count} rows of {rows.Dimension} values; a distance matrix is square.");
        }

        if (DistanceMatrix.FindProblem(rows.Values, rows.Count) is { } problem)
        {
            throw new SampleFileException(file, lineOfRow[problem.Row], problem.Column + 1, problem.Message);
        }

        return DistanceMatrix.FromSquare(rows.Values, rows.Count);
    }

    /// <summary>The 1-based line of each data row: non-blank lines, less a first line with no number in it (a header).</summary>
    private static List<int> DataLines(IReadOnlyList<string> lines)
    {
        var data = new List<int>();
        var first = true;
        for (var l = 0; l < lines.Count; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l]))
            {
                continue;
            }

            var header = first && lines[l].Split(',').All(f => !double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            first = false;
            if (!header)
            {
                data.Add(l + 1);
            }
        }

        return data;
    }
}
