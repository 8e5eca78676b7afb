using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

public sealed class MiSpecValidationTests
{
    /// <summary>
    /// <see cref="SpecSamples.Valid"/> with n = 200 (so the pool of 2000 holds 10·n) and its seeds replaced by an mi
    /// block (lines 24-29).
    /// </summary>
    internal static readonly string MiValid = SpecSamples.With("  seeds: 2", """
        mi:
          trainings_per_projection: 10
          projections: 2
          estimator: ksg
          k: 3
          null_repetitions: 5
          samples_per_trial: 6
        """).Replace("  train_size: 500", "  train_size: 200", StringComparison.Ordinal);

    [Fact]
    public void Mi_block_reads_every_field()
    {
        var spec = SpecReader.Read(MiValid, "mi.yaml");

        Assert.Equal(new MiSpec(10, 2, MiEstimatorKind.Ksg, 3, MiSpec.DefaultSlices, 1, 6) { NullRepetitions = 5 }, spec.Mi);
        Assert.Equal(MiKind.IndividualSample, spec.Mi!.Kind);
    }

    [Fact]
    public void Mi_block_defaults_to_ksg_one_projection_and_16_sample_positions()
    {
        var spec = SpecReader.Read(MiValid.Replace("  train_size: 200", "  train_size: 100").Split("mi:")[0] + "mi:\n  trainings_per_projection: 8\n", "mi.yaml");

        Assert.Equal(new MiSpec(8, 1, MiEstimatorKind.Ksg, 3, MiSpec.DefaultSlices, 1, 16), spec.Mi);
        Assert.Equal(10, spec.Mi!.NullRepetitionsOrDefault);
    }

    [Fact]
    public void Spec_without_mi_block_has_none_and_keeps_its_hash_json()
    {
        var spec = SpecReader.Read(SpecSamples.Valid, "demo.yaml");

        Assert.Null(spec.Mi);
        Assert.DoesNotContain("\"Mi\"", System.Text.Json.JsonSerializer.Serialize(spec));
    }

    [Fact]
    public void An_individual_sample_block_keeps_the_json_it_had_before_the_supersample_kind()
    {
        var spec = SpecReader.Read(MiValid.Replace("  null_repetitions: 5\n", ""), "mi.yaml");
        var json = System.Text.Json.JsonSerializer.Serialize(spec.Mi);

        Assert.DoesNotContain("Kind", json);
        Assert.DoesNotContain("Delta", json);
        Assert.DoesNotContain("NullRepetitions", json);
    }

    [Theory]
    // field, the line it must name, the line to break, the broken line
    [InlineData("mi.estimator", 27, "  estimator: ksg", "  estimator: mine")]
    [InlineData("mi.estimator", 27, "  estimator: ksg", "  estimator: ksmi")]
    [InlineData("mi.trainings_per_projection", 25, "  trainings_per_projection: 10", "  trainings_per_projection: 3")]
    [InlineData("mi.trainings_per_projection", 25, "  trainings_per_projection: 10", "  trainings_per_projection: lots")]
    [InlineData("mi.projections", 26, "  projections: 2", "  projections: 0")]
    [InlineData("mi.null_repetitions", 29, "  null_repetitions: 5", "  null_repetitions: 1")]
    [InlineData("mi.samples_per_trial", 30, "  samples_per_trial: 6", "  samples_per_trial: 501")]
    [InlineData("mi.slices", 29, "  k: 3", "  k: 3\n  slices: 20")]
    [InlineData("mi.delta", 29, "  k: 3", "  k: 3\n  delta: 0.1")]
    [InlineData("mi.sample", 31, "  samples_per_trial: 6", "  samples_per_trial: 6\n  sample: 3")]
    [InlineData("grid.seeds", 24, "  d: [5, 10]", "  d: [5, 10]\n  seeds: 3")]
    [InlineData("dataset.pool_size", 7, "  pool_size: 2000", "  pool_size: 1999")]
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

    [Theory]
    [InlineData("0.25", true)]
    [InlineData("0.4999", true)]
    [InlineData("0.5", false)]
    [InlineData("1.0", false)]
    public void Sigma_below_one_half_is_a_spec_error_naming_its_line(string sigma, bool rejected)
    {
        var yaml = SpecSamples.Valid + $"\nbound:\n  sigma: {sigma}\n";
        if (!rejected)
        {
            Assert.Equal(double.Parse(sigma, System.Globalization.CultureInfo.InvariantCulture), SpecReader.Read(yaml, "s.yaml").Bound.Sigma);
            return;
        }

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "s.yaml"));
        var error = Assert.Single(e.Errors, x => x.Field == "bound.sigma");
        Assert.Equal(SpecSamples.Valid.Split('\n').Length + 2, error.Line);
        Assert.Contains("1/2", error.Message);
    }
}
