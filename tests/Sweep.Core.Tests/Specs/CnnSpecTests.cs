using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

public sealed class CnnSpecTests
{
    private const string Synthetic = "  name: synthetic\n  features: 64\n  classes: 4\n  pool_size: 2000";

    [Fact]
    public void A_cnn_model_reads_its_shape_with_defaults()
    {
        var spec = SpecReader.Read(Cnn("  kind: cnn\n  filters: 16"), "cnn.yaml");

        Assert.Equal(ModelKind.Cnn, spec.Model.Kind);
        Assert.Equal(new CnnSpec(Side: 8, Channels: 1, Filters: 16, Kernel: 3, SecondFilters: 32, SecondKernel: 3, Classes: 4), spec.Model.Cnn);
        Assert.Equal(64, spec.Model.Inputs);
        Assert.Equal(4, spec.Model.Classes);
        // (9 + 1)·16 + (144 + 1)·32 + (32·2·2 + 1)·4.
        Assert.Equal(160 + 4640 + 516, spec.Model.ParameterCount);
    }

    [Fact]
    public void Fashion_mnist_gives_28_by_28_images()
    {
        var yaml = SpecSamples.Valid
            .Replace("  name: synthetic\n  features: 20\n  classes: 4\n  pool_size: 2000\n", "  name: fashion-mnist\n", StringComparison.Ordinal)
            .Replace("  kind: mlp\n  widths: [20, 16, 4]", "  kind: cnn\n  kernel: 5", StringComparison.Ordinal);

        var spec = SpecReader.Read(yaml, "fmnist.yaml");

        Assert.Equal((28, 5, 10), (spec.Model.Cnn!.Side, spec.Model.Cnn.Kernel, spec.Model.Classes));
    }

    [Theory]
    [InlineData("  kind: cnn\n  kernel: 4", "model.kernel", "must be odd")]
    [InlineData("  kind: cnn\n  widths: [64, 4]", "model.widths", "applies only to the mlp")]
    [InlineData("  kind: mlp\n  widths: [64, 16, 4]\n  filters: 8", "model.filters", "applies only to model.kind cnn")]
    [InlineData("  kind: cnn\n  classes: 3", "model.classes", "must equal the dataset's number of classes 4")]
    public void Bad_cnn_fields_are_named(string model, string field, string reason)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(Cnn(model), "cnn.yaml"));

        Assert.Contains(e.Errors, x => x.Field == field && x.ToString().Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Non_square_inputs_are_refused()
    {
        var yaml = SpecSamples.With("  widths: [20, 16, 4]", "").Replace("  kind: mlp", "  kind: cnn", StringComparison.Ordinal);

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "cnn.yaml"));

        Assert.Contains(e.Errors, x => x.Field == "model.kind" && x.ToString().Contains("square single-channel images", StringComparison.Ordinal));
    }

    private static string Cnn(string model) => SpecSamples.Valid
        .Replace("  name: synthetic\n  features: 20\n  classes: 4\n  pool_size: 2000", Synthetic, StringComparison.Ordinal)
        .Replace("  kind: mlp\n  widths: [20, 16, 4]", model, StringComparison.Ordinal);
}
