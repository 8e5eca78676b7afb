using Sweep.Core.Estimators;

namespace Sweep.Core.Tests.Estimators;

public sealed class EstimatorInputTests
{
    [Fact]
    public void Mismatched_sample_counts_are_rejected_with_both_counts()
    {
        var x = SampleMatrix.FromColumn([1.0, 2, 3, 4, 5]);
        var y = SampleMatrix.FromColumn([1.0, 2, 3, 4], "y");

        var e = Assert.Throws<EstimatorInputException>(() => Ksg.Estimate(x, y));

        Assert.Contains("x has 5 samples but y has 4", e.Message);
    }

    [Fact]
    public void Fewer_samples_than_k_plus_one_is_rejected()
    {
        var x = SampleMatrix.FromColumn([1.0, 2, 3]);

        var e = Assert.Throws<EstimatorInputException>(() => Ksg.Estimate(x, x, new KsgOptions(K: 3)));

        Assert.Contains("k = 3 needs at least k + 1 = 4 samples, but there are 3", e.Message);
        Assert.Equal(Ksg.Estimate(x, x, new KsgOptions(K: 2)), Ksg.Estimate(x, x, new KsgOptions(K: 2)));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Non_finite_values_are_rejected_naming_row_and_column(double bad, string shown)
    {
        double[][] rows = [[0, 1, 2], [3, 4, 5], [6, 7, bad]];

        var e = Assert.Throws<EstimatorInputException>(() => SampleMatrix.FromRows(rows, "weights"));

        Assert.Contains($"weights row 2, column 2 (zero-based) is {shown}", e.Message);
    }

    [Fact]
    public void Empty_dimensions_and_ragged_rows_are_rejected()
    {
        Assert.Contains("zero dimensions", Assert.Throws<EstimatorInputException>(() => SampleMatrix.FromRows([[], []])).Message);
        Assert.Contains("no samples", Assert.Throws<EstimatorInputException>(() => SampleMatrix.FromRows([])).Message);
        Assert.Contains("row 1 has 1 values but row 0 has 2", Assert.Throws<EstimatorInputException>(() => SampleMatrix.FromRows([[1, 2], [3]])).Message);
    }

    [Fact]
    public void K_below_one_and_negative_jitter_are_rejected()
    {
        var x = SampleMatrix.FromColumn([1.0, 2, 3, 4, 5]);

        Assert.Throws<EstimatorInputException>(() => Ksg.Estimate(x, x, new KsgOptions(K: 0)));
        Assert.Throws<EstimatorInputException>(() => Ksg.Estimate(x, x, new KsgOptions(Jitter: -1)));
        Assert.Throws<EstimatorInputException>(() => SlicedMi.Estimate(x, x, new SlicedMiOptions(Slices: 0)));
    }
}
