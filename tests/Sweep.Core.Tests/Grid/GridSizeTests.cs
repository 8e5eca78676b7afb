using Sweep.Core.Grid;
using Sweep.Tests.Shared;
using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Grid;

/// <summary>
/// The counted size of a grid (what <c>validate</c> and <c>plan</c> say, and what the 100,000-trial limit checks) is
/// the number of trials the expansion makes: for every spec the repository ships (subspace with a baseline, LoRA,
/// MI, supersample CMI, rate-distortion over λ, topology) and for the test specs.
/// </summary>
public sealed class GridSizeTests
{
    public static TheoryData<string> ShippedSpecs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "specs"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedSpecs))]
    public void The_count_of_a_shipped_spec_is_the_number_of_trials_it_expands_to(string file)
    {
        var spec = SpecReader.ReadFile(Path.Combine(RepositoryRoot(), "specs", file));

        Assert.Equal(SweepGrid.Expand(spec).Count, GridSize.Count(spec));
    }

    [Fact]
    public void A_baseline_beside_a_scalar_axis_counts_one_trial_per_seed_and_axis_value()
    {
        var yaml = Specs.SpecSamples.Valid
            .With("  kind: orthonormal", "  kind: [fastfood, none]")
            .With("  seeds: 2", "  seeds: 3\n  learning_rate: [0.01, 0.1]");
        var spec = SpecReader.Read(yaml, "baseline.yaml");

        Assert.Equal(SweepGrid.Expand(spec).Count, GridSize.Count(spec));
        Assert.Equal(2 * 3 * 2 + 3 * 2, GridSize.Count(spec)); // d × seeds × rates, then the baseline's seeds × rates
        Assert.Equal("d × seeds × learning_rate = 2 × 3 × 2 + baseline: seeds × learning_rate = 3 × 2", GridSize.Describe(spec.Grid, spec.IsLora, spec.Mi, spec.Projection));
    }

    [Fact]
    public void The_description_of_a_rate_distortion_grid_counts_every_lambda()
    {
        var spec = SpecReader.ReadFile(Path.Combine(RepositoryRoot(), "specs", "rate-distortion.yaml"));

        Assert.Equal("d × seeds × λ = 2 × 2 × 3", GridSize.Describe(spec.Grid, spec.IsLora, spec.Mi, spec.Projection, spec.RateDistortion!.Lambdas.Count));
        Assert.Equal(12, GridSize.Count(spec));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sweep.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
