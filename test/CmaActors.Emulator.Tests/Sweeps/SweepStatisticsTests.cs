using CmaActors.Emulator.Sweeps;

namespace CmaActors.Emulator.Tests.Sweeps;

/// <summary>Against figures from R (t.test, p.adjust(method = "holm"), pwr.t.test(type = "paired")).</summary>
public sealed class SweepStatisticsTests
{
    [Fact]
    public void Interval_is_the_student_t_interval_of_the_mean()
    {
        // t.test(1:5)$conf.int = 1.036757 4.963243
        var e = SweepStatistics.Interval([1, 2, 3, 4, 5]);
        Assert.Equal(5, e.N);
        Assert.Equal(3, e.Mean, 12);
        Assert.Equal(1.036757, e.Low!.Value, 5);
        Assert.Equal(4.963243, e.High!.Value, 5);
        Assert.Null(SweepStatistics.Interval([4]).Low);
    }

    [Fact]
    public void Paired_difference_is_the_paired_t_test()
    {
        // t.test(c(3,5,7,9,11), c(2,3,4,5,6), paired = TRUE): mean 3, CI 1.036757 4.963243, p = 0.01324
        var d = SweepStatistics.Paired([3, 5, 7, 9, 11], [2, 3, 4, 5, 6]);
        Assert.Equal(3, d.Mean, 12);
        Assert.Equal(1.036757, d.Low!.Value, 5);
        Assert.Equal(4.963243, d.High!.Value, 5);
        Assert.Equal(0.01324, d.P!.Value, 4);
        // Pairing matters: the same values shuffled in one design are no longer a constant shift.
        var unpaired = SweepStatistics.Paired([11, 3, 9, 5, 7], [2, 3, 4, 5, 6]);
        Assert.True(unpaired.P > 0.1);
    }

    [Fact]
    public void Equal_samples_are_not_a_test_and_a_constant_shift_is_certain()
    {
        Assert.Null(SweepStatistics.Paired([1, 1, 1], [1, 1, 1]).P);
        Assert.Equal(0, SweepStatistics.Paired([2, 3, 4], [1, 2, 3]).P);
    }

    [Fact]
    public void Holm_adjusts_step_down_and_keeps_the_order()
    {
        // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        var adjusted = SweepStatistics.Holm([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 10)));
        Assert.Equal(0.7, SweepStatistics.Holm([0.7])[0], 12);
        Assert.Equal(1.0, SweepStatistics.Holm([0.6, 0.7])[0], 12);
    }

    [Theory]
    [InlineData(1.0, 1.0, 10)] // pwr.t.test(d = 1, power = 0.8, type = "paired"): n = 9.94
    [InlineData(2.0, 1.0, 34)] // d = 0.5: n = 33.37
    [InlineData(1.0, 0.1, 787)] // d = 0.1: n = 786.8
    public void Seeds_needed_match_the_power_of_a_paired_t_test(double sd, double difference, int seeds) =>
        Assert.Equal(seeds, SweepStatistics.SeedsNeeded(sd, difference));

    [Fact]
    public void Seeds_needed_has_its_limits()
    {
        Assert.Equal(2, SweepStatistics.SeedsNeeded(0, 1));
        Assert.Null(SweepStatistics.SeedsNeeded(1, 0));
        Assert.Null(SweepStatistics.SeedsNeeded(1000, 1));
    }
}
