using System.Globalization;
using System.Text;

namespace Sweep.Reporting;

/// <summary>Minimal RFC 4180 writing with invariant, round-trip number formatting.</summary>
internal static class CsvText
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Build(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, header, rows);
        return text.ToString();
    }

    /// <summary>The same text, streamed row by row: a 100,000-row trials.csv never exists as one string.</summary>
    public static void Write(TextWriter text, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.Write(string.Join(',', header.Select(Field)));
        text.Write('\n');
        foreach (var row in rows)
        {
            text.Write(string.Join(',', row.Select(Field)));
            text.Write('\n');
        }
    }
}
