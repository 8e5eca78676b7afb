using System.Globalization;
using System.Text.Json;
using Spectre.Console.Testing;

namespace Sweep.Cli.Tests;

public sealed class HomologyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-homology-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_circle_of_points_has_one_long_h1_bar_in_json()
    {
        // 40 points evenly on the unit circle: the loop is born at the chord 2 sin(π/40) and dies at √3 or so.
        var rows = Enumerable.Range(0, 40).Select(i => 2 * Math.PI * i / 40)
            .Select(a => $"{Math.Cos(a).ToString("R", CultureInfo.InvariantCulture)},{Math.Sin(a).ToString("R", CultureInfo.InvariantCulture)}");
        var file = Write("circle.csv", "x,y\n" + string.Join('\n', rows) + "\n");

        var (code, output) = await Run("homology", file, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(40, json.GetProperty("points").GetInt32());
        var h1 = json.GetProperty("h1").EnumerateArray().Select(b => (Birth: b[0].GetDouble(), Death: b[1].GetDouble())).ToList();
        var loop = Assert.Single(h1, b => b.Death - b.Birth > 0.5);
        Assert.Equal(2 * Math.Sin(Math.PI / 40), loop.Birth, 1e-9);
        var h0 = json.GetProperty("h0").EnumerateArray().ToList();
        Assert.Single(h0, b => b[1].ValueKind == JsonValueKind.Null);
        Assert.Equal(40, h0.Count);
    }

    [Fact]
    public async Task A_distance_matrix_prints_its_barcodes_as_text()
    {
        // A 4-cycle with sides 1 and diagonals 1.5: H₁ = [1, 1.5).
        var file = Write("square.csv", "0,1,1.5,1\n1,0,1,1.5\n1.5,1,0,1\n1,1.5,1,0\n");

        var (code, output) = await Run("homology", file, "--distance-matrix");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("H0: 4 bars, 1 essential", output);
        Assert.Contains("H1: 1 bars, 0 essential", output);
        Assert.Contains("  [1,1.5)", output);
    }

    [Fact]
    public async Task Max_dim_0_and_a_threshold_leave_out_h1_and_keep_components_apart()
    {
        var file = Write("pairs.csv", "0,0\n0,1\n10,0\n10,1\n");

        var (code, output) = await Run("homology", file, "--max-dim", "0", "--threshold", "2", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("h1").ValueKind);
        Assert.Equal(2, json.GetProperty("h0").EnumerateArray().Count(b => b[1].ValueKind == JsonValueKind.Null));
    }

    [Theory]
    [InlineData("0,1\n1,0,2\n", 2, 0, "has 3 values but line 1 has 2")]
    [InlineData("0,1\n1,abc\n", 2, 2, "'abc' is not a number.")]
    [InlineData("0,1\nNaN,0\n", 2, 1, "is not a finite number")]
    [InlineData("0,1,2\n1,0,3\n2,4,0\n", 3, 2, "must be symmetric")]
    [InlineData("i,j\n0,-1\n-1,0\n", 2, 2, "negative")]
    [InlineData("0,1\n1,0.5\n", 2, 2, "diagonal")]
    [InlineData("0,1,2\n1,0,3\n", 0, 0, "has 2 rows of 3 values; a distance matrix is square")]
    [InlineData("\n\n", 0, 0, "has no sample rows")]
    public async Task A_bad_distance_matrix_exits_2_naming_line_and_column(string text, int line, int column, string reason)
    {
        var file = Write("d.csv", text);

        var (code, output) = await Run("homology", file, "--distance-matrix", "--json");

        Assert.Equal(ExitCodes.BadInput, code);
        var error = JsonDocument.Parse(output).RootElement.GetProperty("error");
        Assert.Equal(file, error.GetProperty("file").GetString());
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.Equal(column, error.GetProperty("column").GetInt32());
        Assert.Contains(reason, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_bad_point_cloud_exits_2_with_file_line_and_column_in_text()
    {
        var file = Write("p.csv", "x,y\n1,2\n\n3,oops\n");

        var (code, output) = await Run("homology", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{file}:4:2: 'oops' is not a number.", output);
    }

    [Theory]
    [InlineData("--max-dim", "2", "--max-dim must be 0 or 1")]
    [InlineData("--threshold", "-1", "--threshold must be a finite number ≥ 0")]
    public async Task Bad_arguments_exit_2_with_a_reason(string option, string value, string reason)
    {
        var file = Write("p.csv", "0,0\n1,1\n");

        var (code, output) = await Run("homology", file, option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(reason, output);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var (code, output) = await Run("homology", Path.Combine(_folder, "absent.csv"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("cannot be read", output);
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(100_000);
        var code = await Program.Run(args, console);
        return (code, console.Output);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
