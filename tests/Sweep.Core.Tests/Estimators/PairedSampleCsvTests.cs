using Sweep.Core.Estimators;

namespace Sweep.Core.Tests.Estimators;

public sealed class PairedSampleCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_rows_and_skips_a_header_and_blank_lines()
    {
        var (x, y) = PairedSampleCsv.Read(Write("x.csv", "a,b\n1,2\n\n3.5,-4e-1\n"), Write("y.csv", "7\n8\n"));

        Assert.Equal((2, 2, 1), (x.Count, x.Dimension, y.Dimension));
        Assert.Equal([1.0, 2, 3.5, -0.4], x.Values.ToArray());
        Assert.Equal([7.0, 8], y.Values.ToArray());
    }

    [Fact]
    public void A_non_number_is_reported_with_file_line_and_column()
    {
        var y = Write("y.csv", "u,v,w\n1,2,3\n4,5,6\n7,8,9\n1,2,3\n4,5,6\n1,2,abc\n");

        var e = Assert.Throws<SampleFileException>(() => PairedSampleCsv.ReadFile(y));

        Assert.Equal($"{y}:7:3: 'abc' is not a number.", e.Message);
        Assert.Equal((7, 3), (e.Line, e.Column));
    }

    [Fact]
    public void A_partly_numeric_first_row_is_data_not_a_header()
    {
        var x = Write("x.csv", "1,abc\n2,3\n");

        var e = Assert.Throws<SampleFileException>(() => PairedSampleCsv.ReadFile(x));

        Assert.EndsWith("x.csv:1:2: 'abc' is not a number.", e.Message);
    }

    [Fact]
    public void Non_finite_values_ragged_rows_and_empty_files_are_reported()
    {
        Assert.EndsWith("x.csv:2:1: 'NaN' is not a finite number.", Assert.Throws<SampleFileException>(() => PairedSampleCsv.ReadFile(Write("x.csv", "1\nNaN\n"))).Message);
        Assert.EndsWith("r.csv:3: has 1 values but line 1 has 2; every row needs the same number.", Assert.Throws<SampleFileException>(() => PairedSampleCsv.ReadFile(Write("r.csv", "1,2\n3,4\n5\n"))).Message);
        Assert.EndsWith("e.csv: has no sample rows.", Assert.Throws<SampleFileException>(() => PairedSampleCsv.ReadFile(Write("e.csv", "a,b\n\n"))).Message);
        Assert.Contains("cannot be read", Assert.Throws<SampleFileException>(() => PairedSampleCsv.ReadFile(Path.Combine(_folder, "missing.csv"))).Message);
    }

    [Fact]
    public void Mismatched_row_counts_name_both_files_and_counts()
    {
        var x = Write("x.csv", "1\n2\n3\n");
        var y = Write("y.csv", "1\n2\n");

        var e = Assert.Throws<SampleFileException>(() => PairedSampleCsv.Read(x, y));

        Assert.Equal($"{x}: has 3 sample rows but {y} has 2; row i of {x} must pair with row i of {y}.", e.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
