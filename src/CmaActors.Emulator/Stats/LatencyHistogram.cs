using HdrHistogram;

namespace CmaActors.Emulator.Stats;

/// <summary>Latencies in virtual nanoseconds (HdrHistogram, 3 significant digits, 100 ns to 1 hour).</summary>
public sealed class LatencyHistogram
{
    private const long Lowest = 100;
    private const long Highest = 3_600_000_000_000;
    private readonly LongHistogram _histogram = new(Lowest, Highest, 3);

    /// <summary>Values recorded.</summary>
    public long Count => _histogram.TotalCount;

    /// <summary>Smallest value, ns (0 when empty).</summary>
    public long MinNs => Count == 0 ? 0 : _histogram.GetValueAtPercentile(0);

    /// <summary>Largest value, ns (0 when empty).</summary>
    public long MaxNs => Count == 0 ? 0 : _histogram.GetMaxValue();

    /// <summary>Mean, ns.</summary>
    public double MeanNs => Count == 0 ? 0 : _histogram.GetMean();

    /// <summary>Records one latency.</summary>
    public void Record(long ns) => _histogram.RecordValue(Math.Clamp(ns, Lowest, Highest));

    /// <summary>The value at a percentile (0..100), ns.</summary>
    public long PercentileNs(double percentile) => Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile);

    /// <summary>Adds every value recorded in <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);

    /// <summary>Forgets every value.</summary>
    public void Reset() => _histogram.Reset();

    /// <summary>The underlying histogram, for CDFs.</summary>
    public HistogramBase Histogram => _histogram;

    /// <summary>
    /// The cumulative distribution: (ns, fraction of values at most that) at each recorded value (HdrHistogram's
    /// equivalence ranges), thinned evenly to at most <paramref name="maxPoints"/> points, the last one kept.
    /// </summary>
    public IReadOnlyList<(long Ns, double Fraction)> Cdf(int maxPoints = 200)
    {
        var total = Count;
        if (total == 0)
            return [];
        var steps = _histogram.RecordedValues()
            .Select(v => (Ns: _histogram.HighestEquivalentValue(v.ValueIteratedTo), Fraction: (double)v.TotalCountToThisValue / total))
            .ToList();
        if (steps.Count <= maxPoints)
            return steps;
        var thinned = new List<(long, double)>(maxPoints);
        for (var i = 0; i < maxPoints - 1; i++)
            thinned.Add(steps[(int)((long)i * (steps.Count - 1) / (maxPoints - 1))]);
        thinned.Add(steps[^1]);
        return thinned;
    }
}
