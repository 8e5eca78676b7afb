using System.Xml.Linq;

namespace Sweep.Reporting.Tests;

/// <summary>The results folder's plots: a PNG and an SVG of the bound curve, written whole, beside the tables.</summary>
public sealed class PlotFilesTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Reports.Folder _folder = new();

    [Theory]
    [InlineData("tiny")]
    [InlineData("tiny-lora")]
    public void Write_puts_a_png_and_an_svg_of_the_bound_curve_beside_the_tables_and_leaves_no_temporary_file(string name)
    {
        var spec = Reports.Spec(name == "tiny" ? SpecYaml.Tiny : SpecYaml.TinyLora);

        var written = ResultsFolder.Write(Reports.Of(spec, Reports.AllFinished(spec)), _folder.Path);

        string[] files = [ResultsFolder.TrialsFile, ResultsFolder.CurvesFile, ResultsFolder.SummaryFile, ResultsFolder.PlotPng, ResultsFolder.PlotSvg];
        Assert.Equal(files.Select(f => Path.Combine(_folder.Path, f)), written);
        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var png = File.ReadAllBytes(Path.Combine(_folder.Path, ResultsFolder.PlotPng));
        Assert.True(png.Length > 10_000, $"a 1000×640 plot in {png.Length} bytes");
        Assert.Equal(PngSignature, png[..8]);
        var svg = XDocument.Load(Path.Combine(_folder.Path, ResultsFolder.PlotSvg));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(spec.Name + ": bound vs gap", svg.ToString());
    }

    [Fact]
    public void A_sweep_with_no_finished_trial_writes_its_tables_but_no_plot()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);

        var written = ResultsFolder.Write(Reports.Of(spec, []), _folder.Path);

        Assert.Equal([ResultsFolder.TrialsFile, ResultsFolder.CurvesFile, ResultsFolder.SummaryFile], written.Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(_folder.Path, ResultsFolder.PlotPng)));
        Assert.False(File.Exists(Path.Combine(_folder.Path, ResultsFolder.PlotSvg)));
    }

    [Fact]
    public void Writing_again_replaces_every_file_with_the_new_results()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);
        var trials = Reports.Trials(spec);
        ResultsFolder.Write(Reports.Of(spec, [Reports.Result(trials[0], 0.1, 0.2)]), _folder.Path);

        ResultsFolder.Write(Reports.Of(spec, Reports.AllFinished(spec)), _folder.Path);

        Assert.Equal(1 + trials.Count, File.ReadAllLines(Path.Combine(_folder.Path, ResultsFolder.TrialsFile)).Length);
        Assert.True(new FileInfo(Path.Combine(_folder.Path, ResultsFolder.PlotPng)).Length > 0);
    }

    public void Dispose() => _folder.Dispose();
}
