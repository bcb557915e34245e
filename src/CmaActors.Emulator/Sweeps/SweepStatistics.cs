using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CmaActors.Emulator.Sweeps;

/// <summary>A mean with its Student-t confidence interval over <see cref="N"/> independent values (bounds null below two values).</summary>
public sealed record Estimate(int N, double Mean, double? StdDev, double? Low, double? High);

/// <summary>
/// A paired difference (design − baseline, seed by seed): its mean and confidence interval, the two-sided paired
/// t-test's p-value, and the standard deviation of the differences.
/// </summary>
public sealed record PairedDifference(int N, double Mean, double? StdDev, double? Low, double? High, double? P);

/// <summary>
/// The statistics of a sweep, on Math.NET Numerics' Student-t and normal distributions: t-intervals of a mean, the
/// paired t-test, Holm's step-down correction, and the seeds a paired t-test needs for a given power.
/// </summary>
public static class SweepStatistics
{
    /// <summary>Confidence level of every interval.</summary>
    public const double Confidence = 0.95;

    /// <summary>Significance level of every test, before the correction for the number of comparisons.</summary>
    public const double Alpha = 0.05;

    /// <summary>Power the seed guidance aims at.</summary>
    public const double Power = 0.80;

    /// <summary>The largest seed count the guidance reports; beyond it, "more than this" (null).</summary>
    public const int MaxSeeds = 100_000;

    /// <summary>Mean and t-interval of <paramref name="values"/>.</summary>
    public static Estimate Interval(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("no values", nameof(values));
        var mean = values.Mean();
        if (values.Count < 2)
            return new Estimate(values.Count, mean, null, null, null);
        var sd = values.StandardDeviation();
        var half = HalfWidth(sd, values.Count);
        return new Estimate(values.Count, mean, sd, mean - half, mean + half);
    }

    /// <summary>The paired difference <paramref name="design"/> − <paramref name="baseline"/> (same index = same seed).</summary>
    public static PairedDifference Paired(IReadOnlyList<double> design, IReadOnlyList<double> baseline)
    {
        if (design.Count != baseline.Count || design.Count == 0)
            throw new ArgumentException("the two samples must be paired and not empty");
        var d = design.Zip(baseline, (x, y) => x - y).ToList();
        var mean = d.Mean();
        if (d.Count < 2)
            return new PairedDifference(d.Count, mean, null, null, null, null);
        var sd = d.StandardDeviation();
        var half = HalfWidth(sd, d.Count);
        // Equal on every seed: nothing to test. The same non-zero difference on every seed: as certain as it gets.
        if (sd == 0)
            return new PairedDifference(d.Count, mean, sd, mean, mean, mean == 0 ? null : 0);
        var t = mean / (sd / Math.Sqrt(d.Count));
        var p = 2 * StudentT.CDF(0, 1, d.Count - 1, -Math.Abs(t));
        return new PairedDifference(d.Count, mean, sd, mean - half, mean + half, Math.Min(1, p));
    }

    /// <summary>
    /// Holm's step-down adjustment of <paramref name="pValues"/> (family-wise error rate): the i-th smallest of m is
    /// multiplied by m − i + 1, and adjusted values are made non-decreasing in that order. A comparison is significant
    /// when its adjusted p-value is at most <see cref="Alpha"/>.
    /// </summary>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToList();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }

        return adjusted;
    }

    /// <summary>
    /// Seeds a two-sided paired t-test at <see cref="Alpha"/> needs to detect a mean difference of
    /// <paramref name="difference"/> with <see cref="Power"/>, when the differences spread with standard deviation
    /// <paramref name="stdDev"/>: the least n ≥ 2 with t(1 − α/2, n − 1) + t(power, n − 1) ≤ |difference| √n / sd.
    /// Null past <see cref="MaxSeeds"/> (a zero difference with some spread is never resolved).
    /// </summary>
    public static int? SeedsNeeded(double stdDev, double difference)
    {
        difference = Math.Abs(difference);
        if (stdDev == 0)
            return 2;
        if (difference == 0 || double.IsNaN(difference) || double.IsNaN(stdDev))
            return null;
        var ratio = difference / stdDev;
        // A normal approximation gives the order of magnitude; the t-quantiles refine it upward.
        var z = Normal.InvCDF(0, 1, 1 - Alpha / 2) + Normal.InvCDF(0, 1, Power);
        var guess = Math.Max(2, (int)Math.Floor(Math.Pow(z / ratio, 2)));
        if (guess > MaxSeeds)
            return null;
        for (var n = guess; n <= MaxSeeds; n++)
        {
            var need = StudentT.InvCDF(0, 1, n - 1, 1 - Alpha / 2) + StudentT.InvCDF(0, 1, n - 1, Power);
            if (need <= ratio * Math.Sqrt(n))
                return n;
        }

        return null;
    }

    private static double HalfWidth(double sd, int n) => StudentT.InvCDF(0, 1, n - 1, 1 - (1 - Confidence) / 2) * sd / Math.Sqrt(n);
}
