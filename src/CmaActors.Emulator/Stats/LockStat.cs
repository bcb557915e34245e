namespace CmaActors.Emulator.Stats;

/// <summary>
/// Statistics of one lock in the /proc/lock_stat vocabulary: acquisitions, contentions (acquisitions that had to
/// wait), wait and hold times (min/max/total; avg derived). Times in virtual nanoseconds.
/// </summary>
public sealed class LockStat(string lockClass, string instance)
{
    /// <summary>Lock class name as lock_stat prints it (&amp;zone->lock, cma_mutex...).</summary>
    public string LockClass { get; } = lockClass;

    /// <summary>Which instance (zone Normal, area reserved, cpu2...).</summary>
    public string Instance { get; } = instance;

    /// <summary>Times the lock was taken.</summary>
    public long Acquisitions { get; private set; }

    /// <summary>Acquisitions that had to wait.</summary>
    public long Contentions { get; private set; }

    /// <summary>Shortest non-zero wait.</summary>
    public long WaitMinNs { get; private set; }

    /// <summary>Longest wait.</summary>
    public long WaitMaxNs { get; private set; }

    /// <summary>Total wait.</summary>
    public long WaitTotalNs { get; private set; }

    /// <summary>Shortest hold.</summary>
    public long HoldMinNs { get; private set; }

    /// <summary>Longest hold.</summary>
    public long HoldMaxNs { get; private set; }

    /// <summary>Total hold.</summary>
    public long HoldTotalNs { get; private set; }

    /// <summary>Records one acquisition after waiting <paramref name="waitNs"/>.</summary>
    public void Acquired(long waitNs)
    {
        Acquisitions++;
        if (waitNs <= 0)
            return;
        Contentions++;
        WaitTotalNs += waitNs;
        WaitMaxNs = Math.Max(WaitMaxNs, waitNs);
        WaitMinNs = WaitMinNs == 0 ? waitNs : Math.Min(WaitMinNs, waitNs);
    }

    /// <summary>Records one release after holding for <paramref name="holdNs"/>.</summary>
    public void Released(long holdNs)
    {
        HoldTotalNs += holdNs;
        HoldMaxNs = Math.Max(HoldMaxNs, holdNs);
        HoldMinNs = HoldMinNs == 0 || holdNs < HoldMinNs ? holdNs : HoldMinNs;
    }
}
