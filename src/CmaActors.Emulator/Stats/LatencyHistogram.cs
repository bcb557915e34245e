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

    /// <summary>The underlying histogram, for CDFs.</summary>
    public HistogramBase Histogram => Built;

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
