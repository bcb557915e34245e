namespace CmaActors.Emulator.Stats;

/// <summary>cma_alloc latencies by request size: successful calls in one histogram, failed ones in another.</summary>
public sealed class CmaLatencyRecorder
{
    private readonly SortedDictionary<int, SizeLatencies> _bySize = [];

    /// <summary>Recorded sizes, ascending.</summary>
    public IReadOnlyDictionary<int, SizeLatencies> BySize => _bySize;

    /// <summary>Records one finished call.</summary>
    public void Record(int pages, long latencyNs, bool succeeded, int busyRetries)
    {
        if (!_bySize.TryGetValue(pages, out var entry))
            _bySize.Add(pages, entry = new SizeLatencies(pages));
        (succeeded ? entry.Success : entry.Failure).Record(latencyNs);
        entry.BusyRetries += busyRetries;
    }
}

/// <summary>Latencies of the cma_alloc calls of one size.</summary>
public sealed class SizeLatencies(int pages)
{
    /// <summary>Request size in pages.</summary>
    public int Pages { get; } = pages;

    /// <summary>Calls that got their range.</summary>
    public LatencyHistogram Success { get; } = new();

    /// <summary>Calls that failed.</summary>
    public LatencyHistogram Failure { get; } = new();

    /// <summary>-EBUSY retries over all calls of this size.</summary>
    public long BusyRetries { get; set; }
}
