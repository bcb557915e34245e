using HdrHistogram;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Latencies in virtual nanoseconds (HdrHistogram, 3 significant digits, 100 ns to 1 hour). The HdrHistogram's
/// counts take about 220 KB, so the first <see cref="PendingLimit"/> values are only kept in a list and recorded into
/// it when it is first read or the list is full: a short run (an explored schedule records a few dozen latencies)
/// allocates no large object, and every read sees exactly what recording each value at once would have given.
/// </summary>
public sealed class LatencyHistogram
{
    private const long Lowest = 100;
    private const long Highest = 3_600_000_000_000;
    private const int PendingLimit = 1024;
    private readonly List<long> _pending = [];
    private LongHistogram? _histogram;

    /// <summary>Values recorded.</summary>
    public long Count => _histogram is null ? _pending.Count : _histogram.TotalCount;

    /// <summary>Smallest value, ns (0 when empty).</summary>
    public long MinNs => Count == 0 ? 0 : Recorded().GetValueAtPercentile(0);

    /// <summary>Largest value, ns (0 when empty).</summary>
    public long MaxNs => Count == 0 ? 0 : Recorded().GetMaxValue();

    /// <summary>Mean, ns.</summary>
    public double MeanNs => Count == 0 ? 0 : Recorded().GetMean();

    /// <summary>Records one latency.</summary>
    public void Record(long ns)
    {
        var value = Math.Clamp(ns, Lowest, Highest);
        if (_histogram is not null)
        {
            _histogram.RecordValue(value);
            return;
        }

        _pending.Add(value);
        if (_pending.Count == PendingLimit)
            Recorded();
    }

    /// <summary>The value at a percentile (0..100), ns.</summary>
    public long PercentileNs(double percentile) => Count == 0 ? 0 : Recorded().GetValueAtPercentile(percentile);

    /// <summary>Adds every value recorded in <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._histogram is null)
        {
            foreach (var value in other._pending)
                Record(value);
            return;
        }

        Recorded().Add(other._histogram);
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        _pending.Clear();
        _histogram?.Reset();
    }

    /// <summary>The underlying histogram, for CDFs.</summary>
    public HistogramBase Histogram => Recorded();

    /// <summary>
    /// The cumulative distribution: (ns, fraction of values at most that) at each recorded value (HdrHistogram's
    /// equivalence ranges), thinned evenly to at most <paramref name="maxPoints"/> points, the last one kept.
    /// </summary>
    public IReadOnlyList<(long Ns, double Fraction)> Cdf(int maxPoints = 200)
    {
        var total = Count;
        if (total == 0)
            return [];
        var histogram = Recorded();
        var steps = histogram.RecordedValues()
            .Select(v => (Ns: histogram.HighestEquivalentValue(v.ValueIteratedTo), Fraction: (double)v.TotalCountToThisValue / total))
            .ToList();
        if (steps.Count <= maxPoints)
            return steps;
        var thinned = new List<(long, double)>(maxPoints);
        for (var i = 0; i < maxPoints - 1; i++)
            thinned.Add(steps[(int)((long)i * (steps.Count - 1) / (maxPoints - 1))]);
        thinned.Add(steps[^1]);
        return thinned;
    }

    /// <summary>The HdrHistogram with every value recorded so far (created, and the pending values moved in, on first use).</summary>
    private LongHistogram Recorded()
    {
        if (_histogram is null)
        {
            _histogram = new LongHistogram(Lowest, Highest, 3);
            foreach (var value in _pending)
                _histogram.RecordValue(value);
            _pending.Clear();
            _pending.Capacity = 0;
        }

        return _histogram;
    }
}
