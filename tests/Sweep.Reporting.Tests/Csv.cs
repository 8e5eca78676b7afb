using System.Globalization;

namespace Sweep.Reporting.Tests;

/// <summary>
/// A CSV file read back as a header and rows of cells by column name. The test reports hold no quoted fields, so
/// splitting on commas is exact; <see cref="Read"/> refuses a quote rather than misread one.
/// </summary>
internal sealed record Csv(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static Csv Read(string text)
    {
        Assert.DoesNotContain('"', text);
        Assert.EndsWith("\n", text);
        var lines = text[..^1].Split('\n');
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            return (IReadOnlyDictionary<string, string>)header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
        return new Csv(header, rows);
    }

    /// <summary>A numeric cell, written in invariant round-trip format.</summary>
    public static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
}
