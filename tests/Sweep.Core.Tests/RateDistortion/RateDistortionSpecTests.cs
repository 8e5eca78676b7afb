using Sweep.Core.Grid;
using Sweep.Core.RateDistortion;
using Sweep.Core.Specs;
using Sweep.Core.Tests.Specs;

namespace Sweep.Core.Tests.RateDistortion;

public sealed class RateDistortionSpecTests
{
    /// <summary><see cref="SpecSamples.Valid"/> with grid.lambda (line 25) and a rate_distortion block (lines 26-28).</summary>
    internal static readonly string Valid = SpecSamples.With("  seeds: 2", """
          seeds: 2
          lambda: [0, 10, 0.5]
        rate_distortion:
          confidence: 0.9
          loss_cap: 3
        """);

    [Fact]
    public void Reads_the_block_and_the_lambda_axis_with_the_stated_defaults()
    {
        var spec = SpecReader.Read(Valid, "rd.yaml");
        var rd = Assert.IsType<RateDistortionSpec>(spec.RateDistortion);
        Assert.Equal([0, 10, 0.5], rd.Lambdas);
        Assert.Equal((3.0, 0.9, (double?)null), (rd.LossCap, rd.Confidence, rd.Lipschitz));

        var defaults = SpecReader.Read(SpecSamples.With("  seeds: 2", "  seeds: 2\n  lambda: [1]\nrate_distortion: {}"), "rd.yaml");
        Assert.Equal(2 * Math.Log(4), defaults.RateDistortion!.LossCap, 12);
        Assert.Equal(0.95, defaults.RateDistortion.Confidence);
        Assert.Null(defaults.RateDistortion.Lipschitz);
    }

    [Fact]
    public void Grid_has_one_trial_per_lambda_d_and_seed_sharing_the_subspace_trials_seeds()
    {
        var spec = SpecReader.Read(Valid, "rd.yaml");
        var plain = SweepGrid.Expand(SpecReader.Read(SpecSamples.Valid, "plain.yaml"));

        var trials = SweepGrid.Expand(spec);

        Assert.Equal(3 * 2 * 2, trials.Count);
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
        Assert.Empty(trials.Select(t => t.Id).Intersect(plain.Select(t => t.Id)));
        foreach (var trial in trials)
        {
            var twin = plain.Single(p => p.IntrinsicDimension == trial.IntrinsicDimension && p.Seed == trial.Seed);
            Assert.Equal(twin.Seeds, trial.Seeds);
            Assert.Equal(new RegularizedTrialConfig(trial.Regularized!.Lambda, 3, 0.9), trial.Regularized);
        }

        Assert.Equal([0, 0.5, 10], trials.Select(t => t.Regularized!.Lambda).Distinct().Order());
    }

    [Theory]
    // field, the line it must name, the line to break, the broken line
    [InlineData("grid.lambda[1]", 25, "  lambda: [0, 10, 0.5]", "  lambda: [0, -1]")]
    [InlineData("grid.lambda", 25, "  lambda: [0, 10, 0.5]", "  lambda: [0, 0]")]
    [InlineData("grid.lambda", 23, "  lambda: [0, 10, 0.5]", "")]
    [InlineData("rate_distortion.confidence", 27, "  confidence: 0.9", "  confidence: 1.5")]
    [InlineData("rate_distortion.loss_cap", 28, "  loss_cap: 3", "  loss_cap: 0")]
    [InlineData("rate_distortion.tolerance", 29, "  loss_cap: 3", "  loss_cap: 3\n  tolerance: 2")]
    [InlineData("bound.sigma", 30, "  loss_cap: 3", "  loss_cap: 3\nbound:\n  sigma: 0.7")]
    public void Broken_rate_distortion_spec_names_line_and_field(string field, int line, string original, string broken)
    {
        Assert.Contains(original, Valid);
        var yaml = Valid.Replace(original, broken, StringComparison.Ordinal);

        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(yaml, "rd.yaml"));

        var error = Assert.Single(e.Errors, x => x.Field == field);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"rd.yaml:{line}:", error.ToString());
    }

    [Fact]
    public void Lambda_axis_without_the_block_is_refused()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(SpecSamples.With("  seeds: 2", "  seeds: 2\n  lambda: [0, 1]"), "rd.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal("grid.lambda", error.Field);
        Assert.Contains("rate_distortion", error.Message);
    }
}
