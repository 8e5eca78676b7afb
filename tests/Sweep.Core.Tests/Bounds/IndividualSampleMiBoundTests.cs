using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Bounds;

public sealed class IndividualSampleMiBoundTests
{
    private static readonly MiGroup Group = new("g-1", 2, 0, "series", []);

    [Theory]
    [InlineData(0.08, 0.5, 0.2)]
    [InlineData(0.0, 0.5, 0.0)]
    [InlineData(-0.3, 0.5, 0.0)] // a negative KSG estimate counts as 0
    [InlineData(2.0, 1.0, 2.0)]
    public void Term_is_sqrt_of_two_sigma_squared_times_the_information(double nats, double sigma, double expected)
    {
        Assert.Equal(expected, IndividualSampleMiBound.Term(nats, sigma), 12);
    }

    [Fact]
    public void W_prime_that_copies_z_gives_a_large_estimate_and_independent_ones_about_zero()
    {
        const int m = 400;
        var random = new SplitMix64(5);
        var z = Enumerable.Range(0, m).Select(_ => new[] { random.NextGaussian(), random.NextGaussian() }).ToList();
        var copies = z.Select(row => new[] { (float)(row[0] + 0.5 * random.NextGaussian()), (float)random.NextGaussian() }).ToList();
        var independent = z.Select(_ => new[] { (float)random.NextGaussian(), (float)random.NextGaussian() }).ToList();
        var mi = new MiSpec(m, 1, MiEstimatorKind.Ksg, 3, 1, 1, 1);

        var dependent = IndividualSampleMiBound.Estimate(Group, mi, 0.5, 100, copies, [7], [z], seed: 1);
        var none = IndividualSampleMiBound.Estimate(Group, mi, 0.5, 100, independent, [7], [z], seed: 1);

        // I(Z1 + 0.5ε; Z1) = ½·ln(1 + 4) ≈ 0.80 nats (KSG in the 4-dimensional joint space, n = 400).
        Assert.InRange(dependent.PerSampleMi[0], 0.6, 0.95);
        Assert.Equal(IndividualSampleMiBound.Term(dependent.PerSampleMi[0], 0.5), dependent.Bound, 12);
        Assert.InRange(none.PerSampleMi[0], -0.05, 0.05);
        Assert.Null(dependent.PerSampleStandardError);
        Assert.Equal("ksg(k=3)", dependent.Estimator);
    }

    [Fact]
    public void Ksmi_averages_slices_and_reports_their_standard_error()
    {
        const int m = 300;
        var random = new SplitMix64(9);
        var z = Enumerable.Range(0, m).Select(_ => new[] { random.NextGaussian(), random.NextGaussian(), random.NextGaussian() }).ToList();
        var w = z.Select(row => row.Select(v => (float)(v + 0.3 * random.NextGaussian())).ToArray()).ToList();
        var mi = new MiSpec(m, 1, MiEstimatorKind.Ksmi, 3, 8, 1, 1);

        var estimate = IndividualSampleMiBound.Estimate(Group, mi, 0.5, 50, w, [0, 1], [z, z], seed: 2);

        Assert.Equal(2, estimate.PerSampleMi.Count);
        Assert.NotNull(estimate.PerSampleStandardError);
        Assert.All(estimate.PerSampleMi, v => Assert.InRange(v, 0.05, 2.5));
        Assert.Equal(estimate.PerSampleMi.Average(v => IndividualSampleMiBound.Term(v, 0.5)), estimate.Bound, 12);
    }

    [Fact]
    public void Standardizing_keeps_constant_columns_and_scales_the_others_to_unit_variance()
    {
        var rows = IndividualSampleMiBound.Standardized([[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]]);

        Assert.Equal([-1.0, 0.0, 1.0], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(0.0, r[1]));
    }
}
