namespace CmaActors.Emulator.Stats;

/// <summary>
/// Statistics of one lock instance in the /proc/lock_stat vocabulary (kernel/locking/lockdep.c, lock_contended() and
/// lock_acquired()): acquisitions and acq-bounces (taken on another CPU than the previous time), contentions
/// (acquisitions that had to wait) and con-bounces (waits by another CPU than the holder's), wait and hold times
/// (min/max/total; avg derived), a histogram of the waits, and the contention points (who waited) and contending points
/// (who held the lock meanwhile). Times in virtual nanoseconds.
/// </summary>
public sealed class LockStat(string lockClass, string instance)
{
    private readonly Dictionary<CallSite, LockPointStats> _contentionPoints = [];
    private readonly Dictionary<CallSite, LockPointStats> _contendingPoints = [];
    private int _lastCpu = -1;

    /// <summary>Lock class name as lock_stat prints it (&amp;zone->lock, cma_mutex...).</summary>
    public string LockClass { get; } = lockClass;

    /// <summary>Which instance (zone Normal, area reserved, cpu2...).</summary>
    public string Instance { get; } = instance;

    /// <summary>Times the lock was taken.</summary>
    public long Acquisitions { get; private set; }

    /// <summary>Acquisitions on another CPU than the previous acquisition (the lock's cache line moved).</summary>
    public long AcqBounces { get; private set; }

    /// <summary>Acquisitions that had to wait.</summary>
    public long Contentions { get; private set; }

    /// <summary>Contentions by another CPU than the holder's.</summary>
    public long ConBounces { get; private set; }

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

    /// <summary>Holds recorded (acquisitions whose release has been seen).</summary>
    public long Holds { get; private set; }

    /// <summary>Waits by size.</summary>
    public WaitHistogram WaitHistogram { get; } = new();

    /// <summary>Places that waited, by contentions (most first, then by function and CPU).</summary>
    public IReadOnlyList<LockPointStats> ContentionPoints => Sorted(_contentionPoints);

    /// <summary>Places that held the lock while others waited, by contentions.</summary>
    public IReadOnlyList<LockPointStats> ContendingPoints => Sorted(_contendingPoints);

    /// <summary>lock_acquired() without a wait, on <paramref name="cpu"/> (-1: unknown, no bounce counted).</summary>
    public void Acquired(int cpu)
    {
        Acquisitions++;
        if (cpu < 0)
            return;
        if (_lastCpu >= 0 && cpu != _lastCpu)
            AcqBounces++;
        _lastCpu = cpu;
    }

    /// <summary>
    /// lock_contended() then lock_acquired(): <paramref name="taker"/> waited <paramref name="waitNs"/> while
    /// <paramref name="holder"/> held the lock. A wait of zero or less is an uncontended acquisition.
    /// </summary>
    public void Acquired(CallSite taker, long waitNs, CallSite holder)
    {
        if (waitNs > 0)
        {
            Contentions++;
            WaitTotalNs += waitNs;
            WaitMaxNs = Math.Max(WaitMaxNs, waitNs);
            WaitMinNs = WaitMinNs == 0 ? waitNs : Math.Min(WaitMinNs, waitNs);
            WaitHistogram.Record(waitNs);
            if (taker.Cpu >= 0 && holder.Cpu >= 0 && taker.Cpu != holder.Cpu)
                ConBounces++;
            Point(_contentionPoints, taker).Add(waitNs);
            Point(_contendingPoints, holder).Add(waitNs);
        }

        Acquired(taker.Cpu);
    }

    /// <summary>Records one release after holding for <paramref name="holdNs"/>.</summary>
    public void Released(long holdNs)
    {
        Holds++;
        HoldTotalNs += holdNs;
        HoldMaxNs = Math.Max(HoldMaxNs, holdNs);
        HoldMinNs = Holds == 1 || holdNs < HoldMinNs ? holdNs : HoldMinNs;
    }

    private static LockPointStats Point(Dictionary<CallSite, LockPointStats> points, CallSite site)
    {
        if (!points.TryGetValue(site, out var point))
            points.Add(site, point = new LockPointStats(site));
        return point;
    }

    private static List<LockPointStats> Sorted(Dictionary<CallSite, LockPointStats> points) =>
        points.Values
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Site.Function, StringComparer.Ordinal)
            .ThenBy(p => p.Site.Cpu)
            .ToList();
}
