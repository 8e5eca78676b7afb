using System.Globalization;
using System.Text.Json;
using Spectre.Console.Testing;
using Sweep.Core.Estimators;

namespace Sweep.Cli.Tests;

public sealed class MiCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-mi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ksg_on_a_correlated_pair_prints_the_estimate_in_nats_as_json()
    {
        // ρ = 0.75, n = 2000: the truth is 0.4133 nats; one seed of KSG lands within 0.05.
        var (x, y) = WritePair(GaussianSamples.CrossIdentity(1, 0.75), 1, 2000, header: true);

        var (code, output) = await Run("mi", x, y, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("nats", json.GetProperty("units").GetString());
        Assert.Equal(2000, json.GetProperty("samples").GetInt32());
        Assert.InRange(json.GetProperty("mi_nats").GetDouble(), 0.4133 - 0.05, 0.4133 + 0.05);
    }

    [Fact]
    public async Task Ksmi_one_sided_reports_mean_standard_error_and_every_slice()
    {
        // X ∈ R^3, Y ∈ R^1 correlated at 0.8 with X's first coordinate; slicing X keeps a fraction of the 0.5108 nats.
        var cov = new double[4, 4];
        for (var i = 0; i < 4; i++)
        {
            cov[i, i] = 1;
        }

        cov[0, 3] = cov[3, 0] = 0.8;
        var (x, y) = WritePair(cov, 3, 500, header: false);

        var (code, output) = await Run("mi", x, y, "--estimator", "ksmi", "--slices", "20", "--one-sided", "--seed", "4", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(20, json.GetProperty("per_slice_nats").GetArrayLength());
        Assert.True(json.GetProperty("one_sided").GetBoolean());
        Assert.InRange(json.GetProperty("mi_nats").GetDouble(), 0.0, 0.5108 + 0.05);
        Assert.InRange(json.GetProperty("standard_error_nats").GetDouble(), 1e-4, 0.2);
    }

    [Fact]
    public async Task Malformed_csv_exits_2_naming_file_line_and_column()
    {
        var x = Write("x.csv", "1\n2\n3\n4\n5\n6\n7\n");
        var y = Write("y.csv", "a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,2,3\n4,5,6\n1,2,abc\n");

        var (code, output) = await Run("mi", x, y);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{y}:7:3: 'abc' is not a number.", output);
    }

    [Fact]
    public async Task Malformed_csv_in_json_mode_gives_the_location_as_fields()
    {
        var x = Write("x.csv", "1\n2\n3\n4,5\n");
        var y = Write("y.csv", "1\n2\n3\n4\n");

        var (code, output) = await Run("mi", x, y, "--json");

        Assert.Equal(ExitCodes.BadInput, code);
        var error = JsonDocument.Parse(output).RootElement.GetProperty("error");
        Assert.Equal(x, error.GetProperty("file").GetString());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("--estimator", "mine", "--estimator must be ksg or ksmi")]
    [InlineData("--k", "9", "needs at least k + 1 = 10 samples")]
    [InlineData("--slice-dim", "2", "slice dimension k must lie in 1..1")]
    public async Task Bad_arguments_exit_2_with_a_reason(string option, string value, string reason)
    {
        var x = Write("x.csv", "1\n2\n3\n4\n5\n");
        var y = Write("y.csv", "2\n1\n4\n3\n5\n");

        string[] estimator = option == "--slice-dim" ? ["--estimator", "ksmi", "--slices", "2"] : [];

        var (code, output) = await Run(["mi", x, y, .. estimator, option, value]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(reason, output);
    }

    [Fact]
    public async Task Row_count_mismatch_names_both_files()
    {
        var x = Write("x.csv", "1\n2\n3\n4\n5\n");
        var y = Write("y.csv", "1\n2\n3\n4\n");

        var (code, output) = await Run("mi", x, y);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"has 5 sample rows but {y} has 4", output);
    }

    [Fact]
    public async Task Too_few_rows_for_the_estimator_names_the_files()
    {
        var x = Write("x.csv", "1\n2\n");
        var y = Write("y.csv", "3\n4\n");

        var (code, output) = await Run("mi", x, y);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{x}, {y}: KSG with k = 3 needs at least", output);
    }

    [Fact]
    public async Task Constant_columns_are_warned_about_as_zero_variance()
    {
        var x = Write("x.csv", string.Concat(Enumerable.Range(0, 50).Select(i => $"1,{i % 7}\n")));
        var y = Write("y.csv", string.Concat(Enumerable.Repeat("5\n", 50)));

        var (code, output) = await Run("mi", x, y);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"{x}: column 1 has zero variance", output);
        Assert.Contains($"{y}: column 1 has zero variance", output);
        Assert.DoesNotContain($"{x}: column 2", output);
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(100_000);
        var code = await Program.Run(args, console);
        return (code, console.Output);
    }

    private (string X, string Y) WritePair(double[,] joint, int xDimension, int n, bool header)
    {
        var (x, y) = GaussianSamples.Draw(joint, xDimension, n, 17);
        return (Write("x.csv", Csv(x, header)), Write("y.csv", Csv(y, header)));
    }

    private static string Csv(SampleMatrix samples, bool header)
    {
        var rows = Enumerable.Range(0, samples.Count)
            .Select(i => string.Join(',', samples.Row(i).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        var head = header ? [string.Join(',', Enumerable.Range(0, samples.Dimension).Select(c => $"c{c}"))] : Array.Empty<string>();
        return string.Join('\n', head.Concat(rows)) + "\n";
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
