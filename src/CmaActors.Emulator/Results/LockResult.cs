namespace CmaActors.Emulator.Results;

/// <summary>
/// One lock instance in /proc/lock_stat terms (times in virtual ns; averages are total / count, rounded down, as the
/// kernel prints them), with its wait histogram and its contention and contending points, every one of them.
/// </summary>
public sealed record LockResult
{
    /// <summary>Lock class (&amp;zone->lock, cma_mutex, &amp;cma->lock, pcpu_drain_mutex, &amp;pcp->lock...).</summary>
    public required string Class { get; init; }

    /// <summary>The instance: zone, area or CPU name, or the mutex's name.</summary>
    public required string Instance { get; init; }

    /// <summary>Contentions by another CPU than the holder's.</summary>
    public required long ConBounces { get; init; }

    /// <summary>Acquisitions that had to wait.</summary>
    public required long Contentions { get; init; }

    /// <summary>Shortest wait (waits are never zero).</summary>
    public required long WaitTimeMinNs { get; init; }

    /// <summary>Longest wait.</summary>
    public required long WaitTimeMaxNs { get; init; }

    /// <summary>All waits together.</summary>
    public required long WaitTimeTotalNs { get; init; }

    /// <summary>WaitTimeTotalNs / Contentions.</summary>
    public required long WaitTimeAvgNs { get; init; }

    /// <summary>Acquisitions on another CPU than the previous one.</summary>
    public required long AcqBounces { get; init; }

    /// <summary>Times the lock was taken.</summary>
    public required long Acquisitions { get; init; }

    /// <summary>Shortest hold.</summary>
    public required long HoldTimeMinNs { get; init; }

    /// <summary>Longest hold.</summary>
    public required long HoldTimeMaxNs { get; init; }

    /// <summary>All holds together.</summary>
    public required long HoldTimeTotalNs { get; init; }

    /// <summary>HoldTimeTotalNs / Releases.</summary>
    public required long HoldTimeAvgNs { get; init; }

    /// <summary>Holds that ended (the acquisitions, less a hold still running when the run stopped).</summary>
    public required long Releases { get; init; }

    /// <summary>Waits in power-of-two buckets, from the first non-empty bucket to the last.</summary>
    public required IReadOnlyList<HistogramBucket> WaitHistogram { get; init; }

    /// <summary>Where the waiters were (function, CPU), most contentions first.</summary>
    public required IReadOnlyList<LockPointResult> ContentionPoints { get; init; }

    /// <summary>Where the holder was while others waited, most contentions first.</summary>
    public required IReadOnlyList<LockPointResult> ContendingPoints { get; init; }
}
