namespace CmaActors.Emulator.Stats;

/// <summary>
/// Statistics of one lock instance in the /proc/lock_stat vocabulary (kernel/locking/lockdep.c, __lock_contended() and
/// __lock_acquired()): acquisitions, contentions, wait and hold times (min/max/total; avg derived), a histogram of the
/// waits, and two views of where the waits happened.
/// <list type="bullet">
/// <item>The kernel's: every acquisition that is not a trylock runs lock_acquired(), which counts an acq-bounce when
/// the lock's <c>lock->cpu</c> (the CPU of the last such acquisition) is another CPU, then sets <c>lock->cpu</c> and
/// <c>lock->ip</c>. A trylock (the pcp fast paths, pcp_spin_trylock) never calls it: no acq-bounce, and the next
/// contention still names the last non-trylock acquirer. A contention counts a con-bounce when <c>lock->cpu</c> is not
/// the waiter's CPU, and its contending point is <c>lock->ip</c>. Sites are kept per code site (the kernel function),
/// with the time each was first seen, so that a lock class can keep its first four distinct sites as lock_point() does
/// (<see cref="KernelContentionSites"/>, <see cref="KernelContendingSites"/>).</item>
/// <item>The emulator's own: every (function, CPU) pair that waited, and the holder while it waited, with counts and
/// waits (<see cref="ContentionPoints"/>, <see cref="ContendingPoints"/>).</item>
/// </list>
/// It also remembers when the longest wait happened (<see cref="WorstWait"/>). Times in virtual nanoseconds.
/// </summary>
public sealed class LockStat(string lockClass, string instance)
{
    private readonly Dictionary<CallSite, LockPointStats> _contentionPoints = [];
    private readonly Dictionary<CallSite, LockPointStats> _contendingPoints = [];
    private readonly Dictionary<string, LockSiteStats> _contentionSites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LockSiteStats> _contendingSites = new(StringComparer.Ordinal);
    private int _lockCpu = -1;
    private string? _lockIp;
    private long _sitesSeen;

    /// <summary>Lock class name as lock_stat prints it (&amp;zone->lock, cma_mutex...).</summary>
    public string LockClass { get; } = lockClass;

    /// <summary>Which instance (zone Normal, area reserved, cpu2...).</summary>
    public string Instance { get; } = instance;

    /// <summary>Times the lock was taken.</summary>
    public long Acquisitions { get; private set; }

    /// <summary>Non-trylock acquisitions on another CPU than the previous non-trylock acquisition (lock_acquired()).</summary>
    public long AcqBounces { get; private set; }

    /// <summary>Acquisitions that had to wait.</summary>
    public long Contentions { get; private set; }

    /// <summary>Contentions by another CPU than the last non-trylock acquirer's (lock_contended()).</summary>
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

    /// <summary>The longest wait: when it ended, who waited and who held the lock (null: never contended).</summary>
    public WorstWait? WorstWait { get; private set; }

    /// <summary>The emulator's view: places (function, CPU) that waited, by contentions (most first, then by function and CPU).</summary>
    public IReadOnlyList<LockPointStats> ContentionPoints => Sorted(_contentionPoints);

    /// <summary>The emulator's view: places that held the lock while others waited, by contentions.</summary>
    public IReadOnlyList<LockPointStats> ContendingPoints => Sorted(_contendingPoints);

    /// <summary>lockdep's <c>lock->cpu</c> and <c>lock->ip</c> now: the CPU and function of the last non-trylock acquisition.</summary>
    public LockAcquirer LastAcquirer => new(_lockCpu, _lockIp);

    /// <summary>The kernel's view: every code site that waited, in first-seen order.</summary>
    public IReadOnlyList<LockSiteStats> KernelContentionSites => InOrder(_contentionSites);

    /// <summary>The kernel's view: every <c>lock->ip</c> a waiter found, in first-seen order.</summary>
    public IReadOnlyList<LockSiteStats> KernelContendingSites => InOrder(_contendingSites);

    /// <summary>
    /// An acquisition without a wait, on <paramref name="cpu"/> (-1: unknown, no bounce counted) by
    /// <paramref name="function"/>; a <paramref name="trylock"/> does not run lock_acquired().
    /// </summary>
    public void Acquired(int cpu, bool trylock = false, string? function = null)
    {
        Acquisitions++;
        if (trylock)
            return;
        LockAcquired(cpu, function);
    }

    /// <summary>
    /// lock_contended() then lock_acquired(): <paramref name="taker"/> waited <paramref name="waitNs"/> up to
    /// <paramref name="atNs"/> while <paramref name="holder"/> held the lock. A wait of zero or less is an uncontended
    /// acquisition. A contended trylock is not a thing the kernel has; <paramref name="trylock"/> only skips
    /// lock_acquired(). <paramref name="atContention"/> is <see cref="LastAcquirer"/> when the waiter asked (lock_contended()
    /// runs then); null takes it as it is now.
    /// </summary>
    public void Acquired(CallSite taker, long waitNs, CallSite holder, long atNs = 0, bool trylock = false, LockAcquirer? atContention = null)
    {
        if (waitNs > 0)
        {
            Contentions++;
            WaitTotalNs += waitNs;
            if (waitNs > WaitMaxNs || WorstWait is null)
                WorstWait = new WorstWait(atNs - waitNs, atNs, waitNs, taker, holder);
            WaitMaxNs = Math.Max(WaitMaxNs, waitNs);
            WaitMinNs = WaitMinNs == 0 ? waitNs : Math.Min(WaitMinNs, waitNs);
            WaitHistogram.Record(waitNs);
            Point(_contentionPoints, taker).Add(waitNs);
            Point(_contendingPoints, holder).Add(waitNs);

            // __lock_contended(): lock_point() on the class's points, then the contended bounce.
            var (lockCpu, lockIp) = atContention ?? LastAcquirer;
            Site(_contentionSites, taker.Function, atNs - waitNs);
            if (lockIp is not null)
                Site(_contendingSites, lockIp, atNs - waitNs);
            if (taker.Cpu >= 0 && lockCpu >= 0 && taker.Cpu != lockCpu)
                ConBounces++;
        }

        Acquisitions++;
        if (!trylock)
            LockAcquired(taker.Cpu, taker.Function);
    }

    /// <summary>Records one release after holding for <paramref name="holdNs"/>.</summary>
    public void Released(long holdNs)
    {
        Holds++;
        HoldTotalNs += holdNs;
        HoldMaxNs = Math.Max(HoldMaxNs, holdNs);
        HoldMinNs = Holds == 1 || holdNs < HoldMinNs ? holdNs : HoldMinNs;
    }

    /// <summary>__lock_acquired(): the acquired bounce, then lock->cpu and lock->ip.</summary>
    private void LockAcquired(int cpu, string? function)
    {
        if (cpu < 0)
            return;
        if (_lockCpu >= 0 && cpu != _lockCpu)
            AcqBounces++;
        _lockCpu = cpu;
        if (function is not null)
            _lockIp = function;
    }

    private void Site(Dictionary<string, LockSiteStats> sites, string function, long atNs)
    {
        if (!sites.TryGetValue(function, out var site))
            sites.Add(function, site = new LockSiteStats(function, atNs, _sitesSeen++));
        site.Count++;
    }

    private static LockPointStats Point(Dictionary<CallSite, LockPointStats> points, CallSite site)
    {
        if (!points.TryGetValue(site, out var point))
            points.Add(site, point = new LockPointStats(site));
        return point;
    }

    private static List<LockSiteStats> InOrder(Dictionary<string, LockSiteStats> sites) =>
        sites.Values.OrderBy(s => s.FirstSeenNs).ThenBy(s => s.Order).ToList();

    private static List<LockPointStats> Sorted(Dictionary<CallSite, LockPointStats> points) =>
        points.Values
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Site.Function, StringComparer.Ordinal)
            .ThenBy(p => p.Site.Cpu)
            .ToList();
}

/// <summary>A code site in the kernel's sense (one function here): when it was first seen and how often it was counted.</summary>
public sealed class LockSiteStats(string function, long firstSeenNs, long order)
{
    /// <summary>The kernel function.</summary>
    public string Function { get; } = function;

    /// <summary>Virtual time of its first contention, ns.</summary>
    public long FirstSeenNs { get; } = firstSeenNs;

    /// <summary>Rank among the instance's sites at equal times.</summary>
    public long Order { get; } = order;

    /// <summary>Contentions at this site.</summary>
    public long Count { get; set; }
}

/// <summary>lockdep's <c>lock->cpu</c> (-1: none yet) and <c>lock->ip</c> (null: none yet) of a lock instance.</summary>
/// <param name="Cpu">CPU of the last non-trylock acquisition.</param>
/// <param name="Function">Its kernel function.</param>
public readonly record struct LockAcquirer(int Cpu, string? Function);

/// <summary>The longest wait of a lock: it ran from <paramref name="StartNs"/> to <paramref name="EndNs"/> (virtual ns).</summary>
/// <param name="StartNs">When the waiter asked for the lock.</param>
/// <param name="EndNs">When it got it.</param>
/// <param name="WaitNs">The wait.</param>
/// <param name="Waiter">Who waited (function, CPU).</param>
/// <param name="Holder">Who held the lock when the waiter asked.</param>
public sealed record WorstWait(long StartNs, long EndNs, long WaitNs, CallSite Waiter, CallSite Holder);
