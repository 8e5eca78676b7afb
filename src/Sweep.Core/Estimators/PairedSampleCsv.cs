using System.Globalization;

namespace Sweep.Core.Estimators;

/// <summary>
/// Reads paired samples from two CSV files: row i of x pairs with row i of y. Values are comma-separated numbers
/// (invariant culture); blank lines are skipped; a first row in which no field is a number is taken as a header.
/// Every error names the file, line and column.
/// </summary>
public static class PairedSampleCsv
{
    public static (SampleMatrix X, SampleMatrix Y) Read(string xPath, string yPath)
    {
        var x = ReadFile(xPath);
        var y = ReadFile(yPath);
        if (x.Count != y.Count)
        {
            throw new SampleFileException(
                xPath, 0, 0, $"has {x.Count} sample rows but {yPath} has {y.Count}; row i of {xPath} must pair with row i of {yPath}.");
        }

        return (x, y);
    }

    /// <summary>One file of samples, one sample a row.</summary>
    public static SampleMatrix ReadFile(string path)
    {
        string[] lines;
        try
        {
            lines = System.IO.File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleFileException(path, 0, 0, $"cannot be read: {e.Message}");
        }

        return Parse(lines, path);
    }

    /// <summary>Parses the lines of a sample file; <paramref name="file"/> names it in errors.</summary>
    public static SampleMatrix Parse(IReadOnlyList<string> lines, string file)
    {
        var values = new List<double>();
        var dimension = 0;
        var widthLine = 0;
        var rows = 0;
        for (var l = 0; l < lines.Count; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l]))
            {
                continue;
            }

            var fields = lines[l].Split(',');
            if (rows == 0 && dimension == 0 && fields.All(f => !double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                dimension = fields.Length;
                widthLine = l + 1;
                continue;
            }

            if (dimension == 0)
            {
                (dimension, widthLine) = (fields.Length, l + 1);
            }

            if (fields.Length != dimension)
            {
                throw new SampleFileException(file, l + 1, 0, $"has {fields.Length} values but line {widthLine} has {dimension}; every row needs the same number.");
            }

            for (var c = 0; c < fields.Length; c++)
            {
                var text = fields[c].Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new SampleFileException(file, l + 1, c + 1, $"'{text}' is not a number.");
                }

                if (!double.IsFinite(value))
                {
                    throw new SampleFileException(file, l + 1, c + 1, $"'{text}' is not a finite number.");
                }

                values.Add(value);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new SampleFileException(file, 0, 0, "has no sample rows.");
        }

        return SampleMatrix.FromRowMajor(values.ToArray(), rows, dimension, file);
    }
}
