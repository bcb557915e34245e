using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// The cost model: how much virtual time each step takes, in nanoseconds. Handlers spend these through the clock
/// service; message latencies come from the placement of sender and receiver.
/// </summary>
public sealed record CostSpec
{
    /// <summary>A message between two actors on the same CPU.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long LocalMessageNs { get; init; } = 100;

    /// <summary>Taking or answering from a lock-like actor (zone, CMA area, mutex): a cache-line transfer.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long LockHandoffNs { get; init; } = 250;

    /// <summary>A request to another CPU (IPI or work item: drains).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long IpiNs { get; init; } = 3_000;

    /// <summary>
    /// A work item run on another CPU (queue_work_on() and the kworker switched in), paid on that CPU; 6.x LRU drains.
    /// </summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long WorkItemNs { get; init; } = 5_000;

    /// <summary>synchronize_rcu_expedited() in lru_cache_disable(): the caller sleeps this long (an estimate).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long RcuExpeditedNs { get; init; } = 20_000;

    /// <summary>Waking a task that sleeps on a mutex.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long MutexWakeupNs { get; init; } = 5_000;

    /// <summary>Taking or adding one page on a pcp list.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long PcpPageNs { get; init; } = 60;

    /// <summary>One __rmqueue() or __free_one_page() step under zone->lock.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long BuddyPageNs { get; init; } = 150;

    /// <summary>set_migratetype_isolate()/unset for one pageblock, before moving its free pages.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long PageblockIsolateNs { get; init; } = 1_500;

    /// <summary>Moving one free buddy block between free lists (move_freepages_block(), per block).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long FreeBlockMoveNs { get; init; } = 40;

    /// <summary>One step of test_pages_isolated()/isolate_freepages_range() under zone->lock (per free block), and per
    /// page the caller's split_map_pages() outside it.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long IsolatedPageScanNs { get; init; } = 150;

    /// <summary>bitmap_find_next_zero_area_off() and bitmap_set() under cma->lock.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long BitmapSearchNs { get; init; } = 300;

    /// <summary>isolate_migratepages_range(), per pfn scanned.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long MigrateScanPageNs { get; init; } = 10;

    /// <summary>Migrating one anonymous page: unmap, copy 4 KiB, remap (gcma-brief §6: ~20 µs).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long MigratePageNs { get; init; } = 20_000;

    /// <summary>Copying one page (cleancache/frontswap put or get).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long PageCopyNs { get; init; } = 1_000;

    /// <summary>Dropping one clean page-cache page (unmap, remove from the page cache).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long FileDropNs { get; init; } = 2_000;

    /// <summary>GCMA: fixed cost of one contiguous allocation.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long GcmaFixedNs { get; init; } = 15_000;

    /// <summary>GCMA: walking one pfn of the range (a free page gets its bit set and is marked isolated).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long GcmaScanPageNs { get; init; } = 250;

    /// <summary>GCMA: dropping one discardable entry from the range.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long GcmaDiscardPageNs { get; init; } = 1_000;

    /// <summary>Reclaim: scanning one LRU page.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long ReclaimScanPageNs { get; init; } = 200;

    /// <summary>Clearing a newly allocated anonymous page.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long ZeroPageNs { get; init; } = 400;

    /// <summary>Book-keeping of one workload operation (page-table update, timer).</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long WorkloadOpNs { get; init; } = 300;

    /// <summary>Seeded jitter on latencies and costs, as a fraction (0.1 = ±10%).</summary>
    [Limits(0, 0.99)]
    public double Jitter { get; init; }
}
