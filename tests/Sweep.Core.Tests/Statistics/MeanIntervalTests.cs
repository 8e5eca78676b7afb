using Sweep.Core.Statistics;

namespace Sweep.Core.Tests.Statistics;

public sealed class MeanIntervalTests
{
    [Fact]
    public void Interval_uses_student_t_over_seeds()
    {
        // mean 2, sample sd 1, n = 3: half-width = t(0.975, 2)·1/sqrt(3) = 4.302653·0.577350 = 2.484138.
        var i = MeanInterval.Of([1.0, 2.0, 3.0]);

        Assert.Equal(2.0, i.Mean, precision: 12);
        Assert.Equal(2.0 + 2.484138, i.High, precision: 5);
        Assert.Equal(2.0 - 2.484138, i.Low, precision: 5);
    }

    [Fact]
    public void One_seed_has_no_interval()
    {
        var i = MeanInterval.Of([0.25]);

        Assert.Equal((0.25, 0.25, 0.25, 1), (i.Mean, i.Low, i.High, i.Count));
    }
}
