using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

public sealed class SpecValidationTests
{
    [Fact]
    public void Valid_spec_reads_every_section()
    {
        var spec = SpecReader.Read(SpecSamples.Valid, "demo.yaml");

        Assert.Equal("demo", spec.Name);
        Assert.Equal(DatasetKind.Synthetic, spec.Dataset.Kind);
        Assert.Equal(500, spec.Dataset.TrainSize);
        Assert.Equal([20, 16, 4], spec.Model.Widths);
        Assert.Equal(20 * 16 + 16 + 16 * 4 + 4, spec.Model.ParameterCount);
        Assert.Equal(16, spec.Quantization.Levels);
        Assert.Equal(OptimizerKind.Adam, spec.Training.Optimizer);
        Assert.Equal([5, 10], spec.Grid.Dimensions);
        Assert.Equal([0, 1], spec.Grid.Seeds);
        Assert.Equal(0.5, spec.Bound.Sigma);
    }

    [Theory]
    // field, the line it must name, the broken spec
    [InlineData("name", 2, "name: demo", "")]
    [InlineData("training.learning_rate", 19, "  learning_rate: 0.01", "  learning_rate: fast")]
    [InlineData("grid.d[1]", 23, "  d: [5, 10]", "  d: [5, 100000]")]
    [InlineData("quantization.levels", 15, "  levels: 16", "  levels: -4")]
    [InlineData("dataset.name", 4, "  name: synthetic", "  name: imagenet")]
    [InlineData("(yaml syntax)", 11, "  widths: [20, 16, 4]", "  widths: [20, 16, 4")]
    [InlineData("model.widths[0]", 11, "  widths: [20, 16, 4]", "  widths: [19, 16, 4]")]
    [InlineData("model.widths[2]", 11, "  widths: [20, 16, 4]", "  widths: [20, 16, 3]")]
    [InlineData("training.optimizer", 18, "  optimizer: adam", "  optimizer: lbfgs")]
    [InlineData("projection.kind", 13, "  kind: orthonormal", "  kind: circulant")]
    [InlineData("grid.seeds", 24, "  seeds: 2", "  seeds: many")]
    [InlineData("training.batch_size", 21, "  batch_size: 50", "  batch_size: 0")]
    [InlineData("dataset.train_size", 8, "  train_size: 500", "  train_size: 5000")]
    [InlineData("quantization.level", 15, "  levels: 16", "  levels: 16\n  level: 4")]
    public void Broken_spec_names_line_and_field(string field, int line, string original, string broken)
    {
        var yaml = SpecSamples.With(original, broken);

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "broken.yaml"));

        var error = Assert.Single(e.Errors, x => x.Field == field);
        Assert.Equal("broken.yaml", error.File);
        if (field != "quantization.level")
        {
            Assert.Equal(line, error.Line);
        }
        else
        {
            Assert.Equal(line + 1, error.Line);
        }

        Assert.StartsWith($"broken.yaml:{error.Line}:", error.ToString());
    }

    [Fact]
    public void Missing_required_section_is_named()
    {
        var yaml = SpecSamples.Valid[..SpecSamples.Valid.IndexOf("grid:", StringComparison.Ordinal)];

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "s.yaml"));

        Assert.Contains(e.Errors, x => x.Field == "grid" && x.Message.Contains("required"));
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var yaml = SpecSamples.With("  levels: 16", "  levels: 1").Replace("  optimizer: adam", "  optimizer: rmsprop");

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "s.yaml"));

        Assert.Contains(e.Errors, x => x.Field == "quantization.levels");
        Assert.Contains(e.Errors, x => x.Field == "training.optimizer");
    }

    [Fact]
    public void D_larger_than_the_network_names_D()
    {
        var yaml = SpecSamples.With("  d: [5, 10]", "  d: [5, 2000]");

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "s.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal("grid.d[1]", error.Field);
        Assert.Contains("D = 404", error.Message);
    }

    [Fact]
    public void Unreadable_file_is_an_error_naming_the_file()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.ReadFile("/nonexistent/spec.yaml"));

        Assert.Equal("/nonexistent/spec.yaml", Assert.Single(e.Errors).File);
    }

    [Fact]
    public void Scalar_axes_are_read_as_grid_values()
    {
        var yaml = SpecSamples.With("  seeds: 2", "  seeds: [3, 9]\n  learning_rate: [0.1, 0.01]\n  levels: [4, 16]");

        var spec = SpecReader.Read(yaml);

        Assert.Equal([3, 9], spec.Grid.Seeds);
        Assert.Equal([0.1, 0.01], spec.Grid.ScalarAxes[ScalarAxis.LearningRate]);
        Assert.Equal([4.0, 16.0], spec.Grid.ScalarAxes[ScalarAxis.Levels]);
    }

    [Fact]
    public void Widths_may_repeat_but_grid_values_may_not()
    {
        var repeatedWidths = SpecReader.Read(SpecSamples.With("  widths: [20, 16, 4]", "  widths: [20, 16, 16, 4]"));
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(SpecSamples.With("  d: [5, 10]", "  d: [5, 5]")));

        Assert.Equal([20, 16, 16, 4], repeatedWidths.Model.Widths);
        Assert.Equal("grid.d", Assert.Single(e.Errors).Field);
    }
}
