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

    /// <summary>The emulator's view: where the waiters were (function, CPU), most contentions first, every one of them.</summary>
    public required IReadOnlyList<LockPointResult> ContentionPoints { get; init; }

    /// <summary>The emulator's view: where the holder was while others waited, most contentions first.</summary>
    public required IReadOnlyList<LockPointResult> ContendingPoints { get; init; }

    /// <summary>
    /// The kernel's view (lockdep's contention points): every code site that waited, in first-seen order. lock_stat keeps
    /// the first four of a class.
    /// </summary>
    public IReadOnlyList<LockSiteResult> ContentionSites { get; init; } = [];

    /// <summary>The kernel's view (contending points): the lock->ip, the last non-trylock acquirer, each waiter found, in first-seen order.</summary>
    public IReadOnlyList<LockSiteResult> ContendingSites { get; init; } = [];

    /// <summary>When the longest wait (waittime-max) happened, who waited and who held the lock (null: never contended).</summary>
    public WorstWaitResult? WorstWait { get; init; }
}

/// <summary>A code site of lockdep's contention or contending points: the function, its contentions, when it was first seen.</summary>
/// <param name="Function">Kernel function.</param>
/// <param name="Contentions">Contentions counted at the site.</param>
/// <param name="FirstSeenNs">Virtual time of its first contention, ns.</param>
public sealed record LockSiteResult(string Function, long Contentions, long FirstSeenNs);

/// <summary>A lock's longest wait, in virtual ns.</summary>
/// <param name="Instance">The lock instance (zone, area, CPU, mutex name).</param>
/// <param name="StartNs">When the waiter asked for the lock.</param>
/// <param name="EndNs">When it got the lock.</param>
/// <param name="WaitNs">EndNs - StartNs: the lock's waittime-max.</param>
/// <param name="Function">The waiter's kernel function.</param>
/// <param name="Cpu">The waiter's CPU (-1: unknown).</param>
/// <param name="HolderFunction">The holder's kernel function when the waiter asked ("(unknown)" when none is known).</param>
/// <param name="HolderCpu">The holder's CPU (-1: unknown).</param>
public sealed record WorstWaitResult(string Instance, long StartNs, long EndNs, long WaitNs, string Function, int Cpu, string HolderFunction,
    int HolderCpu);
