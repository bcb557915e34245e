using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// The state of one emulated machine, built from a scenario before any actor runs: page frames, zones, every CPU's
/// pcp lists, CMA areas, page holders and the in-flight ledger. Each part is owned by the actor that plays its lock;
/// this object only ties them together for the actors' constructors, the invariant checker and the results.
/// </summary>
public sealed class EmulatedMachine
{
    internal EmulatedMachine(Scenario scenario, MemoryGeometry geometry, PageFrameTable frames, IReadOnlyList<Zone> zones,
        IReadOnlyList<CpuState> cpus, IReadOnlyList<CmaAreaState> areas, bool threadSafe)
    {
        Scenario = scenario;
        Bugs = HistoricalBugs.FlagsOf(scenario.Bugs);
        Kernel = KernelProfiles.For(scenario);
        // Bug R8 is the kernel of 2020-2022: no contiguous-allocation mutex at all.
        Policy = (Bugs & KernelBug.NoContigMutex) != 0 ? scenario.Policy with { ContigMutex = ContigMutexScope.None } : scenario.Policy;
        Geometry = geometry;
        Frames = frames;
        Zones = zones;
        Cpus = cpus;
        Areas = areas;
        Ledger = new InFlightLedger(threadSafe);
        Transfer = new PageTransfer(frames, Ledger);
        Holders = new PageHolders(frames);
    }

    /// <summary>The scenario the machine was built from.</summary>
    public Scenario Scenario { get; }

    /// <summary>Cost model.</summary>
    public CostSpec Costs => Scenario.Costs;

    /// <summary>Design knobs: the scenario's, without the contiguous-allocation mutex when bug R8 is on.</summary>
    public PolicySpec Policy { get; }

    /// <summary>The kernel profile whose mechanisms the actors play.</summary>
    public KernelProfile Kernel { get; }

    /// <summary>The historical bugs switched on.</summary>
    public KernelBug Bugs { get; }

    /// <summary>True when <paramref name="bug"/> is switched on.</summary>
    public bool Has(KernelBug bug) => (Bugs & bug) != 0;

    /// <summary>Page and pageblock sizes.</summary>
    public MemoryGeometry Geometry { get; }

    /// <summary>Every page frame (struct page).</summary>
    public PageFrameTable Frames { get; }

    /// <summary>Zones from the lowest address up; a zone's id is its index.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Per-CPU state, by CPU number.</summary>
    public IReadOnlyList<CpuState> Cpus { get; }

    /// <summary>CMA areas in scenario order.</summary>
    public IReadOnlyList<CmaAreaState> Areas { get; }

    /// <summary>Batches of pages inside messages.</summary>
    public InFlightLedger Ledger { get; }

    /// <summary>Moves pages into and out of messages.</summary>
    public PageTransfer Transfer { get; }

    /// <summary>Processes, drivers and allocations holding pages.</summary>
    public PageHolders Holders { get; }

    /// <summary>Which actor plays what.</summary>
    public Placement Placement { get; } = new();

    /// <summary>The machine's long-lived actors, once the machine actor has created them.</summary>
    public MachineActors? Actors { get; internal set; }

    /// <summary>What the block device did.</summary>
    public BlockDeviceStats Device { get; } = new();

    /// <summary>What kswapd did.</summary>
    public ReclaimStats Reclaim { get; } = new();

    /// <summary>Pages the anonymous churn and the kernel allocations got (their work done: the background's throughput).</summary>
    public long WorkloadPagesAllocated => Interlocked.Read(ref _workloadPagesAllocated);

    private long _workloadPagesAllocated;

    /// <summary>Counts pages a workload got (atomic: in parallel mode workloads run on several threads).</summary>
    internal void CountWorkloadPages(int pages) => Interlocked.Add(ref _workloadPagesAllocated, pages);

    /// <summary>lru_disable_count: while above zero, new pages skip the per-CPU LRU add batches (lru_cache_disable()).</summary>
    public int LruDisableCount;

    /// <summary>kswapd is awake (its wait queue is not waited on): CPUs need not wake it again.</summary>
    public volatile bool KswapdAwake;

    /// <summary>Statistics of the sleeping locks (mutex actors record into them).</summary>
    public List<LockStat> MutexStats { get; } = [];

    private readonly Dictionary<string, PageHolder> _bootFilled = new(StringComparer.Ordinal);

    /// <summary>The zone containing <paramref name="pfn"/>.</summary>
    public Zone ZoneOf(int pfn)
    {
        foreach (var zone in Zones)
            if (pfn >= zone.ZoneStartPfn && pfn < zone.ZoneEndPfn)
                return zone;
        throw new ArgumentOutOfRangeException(nameof(pfn), pfn, "pfn outside every zone");
    }

    /// <summary>Free pages over all zones (NR_FREE_PAGES summed, read without the zone locks as the kernel does).</summary>
    public long FreePages()
    {
        long free = 0;
        foreach (var zone in Zones)
            free += zone.NrFreePages;
        return free;
    }

    /// <summary>True when some zone is below its low watermark (read without the zone locks, as the kernel does).</summary>
    public bool BelowLowWatermark()
    {
        foreach (var zone in Zones)
            if (zone.NrFreePages < zone.WatermarkLow)
                return true;
        return false;
    }

    /// <summary>Free pages kswapd reclaims towards: the high watermarks of every zone.</summary>
    public long HighWatermarks()
    {
        long high = 0;
        foreach (var zone in Zones)
            high += zone.WatermarkHigh;
        return high;
    }

    /// <summary>
    /// The page table a process filled at boot (<see cref="BootFill"/>), or null. Written only while the machine is
    /// built, read by the processes' constructors.
    /// </summary>
    public PageHolder? BootFilled(string process) => _bootFilled.GetValueOrDefault(process);

    internal void AddBootFilled(string process, PageHolder holder) => _bootFilled.Add(process, holder);

    /// <summary>Pages managed by the buddy allocator over all zones.</summary>
    public long ManagedPages()
    {
        long managed = 0;
        foreach (var zone in Zones)
            managed += zone.ManagedPages;
        return managed;
    }
}
