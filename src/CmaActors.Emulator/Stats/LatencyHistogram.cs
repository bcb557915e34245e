using HdrHistogram;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Latencies in virtual nanoseconds (HdrHistogram, 3 significant digits, 100 ns to 1 hour). The histogram's counts
/// take a few hundred kilobytes, so the first values are kept as they are and the histogram is built when the
/// values outgrow that buffer or are first read: short runs (thousands of schedules of an exploration) then never
/// allocate it. What is read is the same either way.
/// </summary>
public sealed class LatencyHistogram
{
    private const long Lowest = 100;
    private const long Highest = 3_600_000_000_000;
    private const int BufferedValues = 256;
    private readonly List<long> _buffered = [];
    private LongHistogram? _histogram;

    /// <summary>Values recorded.</summary>
    public long Count => _histogram?.TotalCount ?? _buffered.Count;

    /// <summary>Smallest value, ns (0 when empty).</summary>
    public long MinNs => Count == 0 ? 0 : Built.GetValueAtPercentile(0);

    /// <summary>Largest value, ns (0 when empty).</summary>
    public long MaxNs => Count == 0 ? 0 : Built.GetMaxValue();

    /// <summary>Mean, ns.</summary>
    public double MeanNs => Count == 0 ? 0 : Built.GetMean();

    /// <summary>Records one latency.</summary>
    public void Record(long ns)
    {
        var value = Math.Clamp(ns, Lowest, Highest);
        if (_histogram is null && _buffered.Count < BufferedValues)
            _buffered.Add(value);
        else
            Built.RecordValue(value);
    }

    /// <summary>The value at a percentile (0..100), ns.</summary>
    public long PercentileNs(double percentile) => Count == 0 ? 0 : Built.GetValueAtPercentile(percentile);

    /// <summary>Adds every value recorded in <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other) => Built.Add(other.Built);

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        _buffered.Clear();
        _histogram?.Reset();
    }

    /// <summary>The underlying histogram, for CDFs.</summary>
    public HistogramBase Histogram => Built;

    /// <summary>
    /// The cumulative distribution: (ns, fraction of values at most that) at each recorded value (HdrHistogram's
    /// equivalence ranges), thinned evenly to at most <paramref name="maxPoints"/> points, the last one kept.
    /// </summary>
    public IReadOnlyList<(long Ns, double Fraction)> Cdf(int maxPoints = 200)
    {
        var total = Count;
        if (total == 0)
            return [];
        var steps = Built.RecordedValues()
            .Select(v => (Ns: Built.HighestEquivalentValue(v.ValueIteratedTo), Fraction: (double)v.TotalCountToThisValue / total))
            .ToList();
        if (steps.Count <= maxPoints)
            return steps;
        var thinned = new List<(long, double)>(maxPoints);
        for (var i = 0; i < maxPoints - 1; i++)
            thinned.Add(steps[(int)((long)i * (steps.Count - 1) / (maxPoints - 1))]);
        thinned.Add(steps[^1]);
        return thinned;
    }

    private LongHistogram Built
    {
        get
        {
            if (_histogram is not null)
                return _histogram;
            _histogram = new LongHistogram(Lowest, Highest, 3);
            foreach (var value in _buffered)
                _histogram.RecordValue(value);
            _buffered.Clear();
            return _histogram;
        }
    }
}
