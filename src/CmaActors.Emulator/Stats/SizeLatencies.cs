namespace CmaActors.Emulator.Stats;

/// <summary>Latencies of the cma_alloc calls (or requests) of one size.</summary>
public sealed class SizeLatencies(int pages)
{
    /// <summary>Size in pages.</summary>
    public int Pages { get; } = pages;

    /// <summary>Calls that got their range.</summary>
    public LatencyHistogram Success { get; } = new();

    /// <summary>Calls that failed.</summary>
    public LatencyHistogram Failure { get; } = new();

    /// <summary>-EBUSY retries over all calls of this size.</summary>
    public long BusyRetries { get; set; }
}
