using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

public sealed class MiSpecValidationTests
{
    /// <summary><see cref="SpecSamples.Valid"/> with its seeds replaced by an mi block (lines 24-31).</summary>
    internal static readonly string MiValid = SpecSamples.With("  seeds: 2", """
        mi:
          trainings_per_projection: 10
          projections: 2
          estimator: ksmi
          k: 3
          slices: 20
          slice_dim: 2
          samples_per_trial: 6
        """);

    [Fact]
    public void Mi_block_reads_every_field()
    {
        var spec = SpecReader.Read(MiValid, "mi.yaml");

        Assert.Equal(new MiSpec(10, 2, MiEstimatorKind.Ksmi, 3, 20, 2, 6), spec.Mi);
    }

    [Fact]
    public void Mi_block_defaults_to_ksg_one_projection_and_16_sample_positions()
    {
        var spec = SpecReader.Read(SpecSamples.With("  seeds: 2", "mi:\n  trainings_per_projection: 8"), "mi.yaml");

        Assert.Equal(new MiSpec(8, 1, MiEstimatorKind.Ksg, 3, MiSpec.DefaultSlices, 1, 16), spec.Mi);
    }

    [Fact]
    public void Spec_without_mi_block_has_none_and_keeps_its_hash_json()
    {
        var spec = SpecReader.Read(SpecSamples.Valid, "demo.yaml");

        Assert.Null(spec.Mi);
        Assert.DoesNotContain("\"Mi\"", System.Text.Json.JsonSerializer.Serialize(spec));
    }

    [Theory]
    // field, the line it must name, the line to break, the broken line
    [InlineData("mi.estimator", 27, "  estimator: ksmi", "  estimator: mine")]
    [InlineData("mi.trainings_per_projection", 25, "  trainings_per_projection: 10", "  trainings_per_projection: 3")]
    [InlineData("mi.trainings_per_projection", 25, "  trainings_per_projection: 10", "  trainings_per_projection: lots")]
    [InlineData("mi.projections", 26, "  projections: 2", "  projections: 0")]
    [InlineData("mi.slice_dim", 30, "  slice_dim: 2", "  slice_dim: 6")]
    [InlineData("mi.samples_per_trial", 31, "  samples_per_trial: 6", "  samples_per_trial: 501")]
    [InlineData("mi.slices", 29, "  estimator: ksmi", "  estimator: ksg")]
    [InlineData("mi.sample", 32, "  samples_per_trial: 6", "  samples_per_trial: 6\n  sample: 3")]
    [InlineData("grid.seeds", 24, "  d: [5, 10]", "  d: [5, 10]\n  seeds: 3")]
    public void Broken_mi_block_names_line_and_field(string field, int line, string original, string broken)
    {
        Assert.Contains(original, MiValid);
        var yaml = MiValid.Replace(original, broken, StringComparison.Ordinal);

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "mi.yaml"));

        var error = Assert.Single(e.Errors, x => x.Field == field);
        Assert.Equal("mi.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 0);
        Assert.StartsWith($"mi.yaml:{line}:", error.ToString());
    }
}
