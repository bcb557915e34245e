using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Kernel;

/// <summary>
/// A named kernel: the set of mechanisms (with their parameters) the emulator plays for it. A run is a pure function
/// of (scenario, seed, strategy, kernel profile). Profiles are listed by <see cref="KernelProfiles"/>; each field
/// names the kernel function it changes and <see cref="Mechanisms"/> says which version or commit brought it.
/// </summary>
public sealed record KernelProfile
{
    /// <summary>The profile's name, as scenarios (<c>"kernel"</c>) and <c>--kernel</c> spell it ("6.12").</summary>
    public required string Name { get; init; }

    /// <summary>One line: which kernel tree it follows.</summary>
    public required string Description { get; init; }

    /// <summary>drain_all_pages(): work items on every CPU, or the caller under each remote pcp-&gt;lock.</summary>
    public DrainProtocol Drain { get; init; } = DrainProtocol.CallerUnderPcpLock;

    /// <summary>drain_pages_zone() frees at most batch &lt;&lt; CONFIG_PCP_BATCH_SCALE_MAX pages per pcp-&gt;lock hold.</summary>
    public bool DrainInChunks { get; init; } = true;

    /// <summary>
    /// rmqueue_pcplist() and free_unref_page() use pcp_spin_trylock() and fall back to zone-&gt;lock for the one page
    /// when the pcp lock is held by a remote drainer.
    /// </summary>
    public bool PcpTrylockFallback { get; init; } = true;

    /// <summary>How pcp-&gt;high and the batches are sized.</summary>
    public PcpSizingMode PcpSizing { get; init; } = PcpSizingMode.AutoTuned;

    /// <summary>CONFIG_PCP_BATCH_SCALE_MAX (mm/Kconfig default 5).</summary>
    public int PcpBatchScaleMax { get; init; } = CmaActors.Memory.Pcp.PcpSizing.DefaultBatchScaleMax;

    /// <summary>
    /// __alloc_contig_migrate_range() starts with lru_cache_disable() after drain_all_pages() has returned (outside
    /// pcpu_drain_mutex), paying synchronize_rcu_expedited() and a work item flushed on each CPU with a batch to drain.
    /// False keeps the emulator's older step: the LRU batches are drained inside the pcp drain.
    /// </summary>
    public bool LruDisableAfterDrain { get; init; } = true;

    /// <summary>
    /// migrate_pages() passes over the batch before a folio that refuses (-EAGAIN) is given back to the caller
    /// (NR_MAX_MIGRATE_PAGES_RETRY = 10; 6.3+: NR_MAX_MIGRATE_ASYNC_RETRY = 3, the rest one folio at a time).
    /// </summary>
    public int MigrateBatchPasses { get; init; } = 3;

    /// <summary>
    /// 6.3+ migrate_pages_sync(): passes for each folio still refusing after the batch passes, one folio at a time
    /// (NR_MAX_MIGRATE_SYNC_RETRY = 7); 0 before.
    /// </summary>
    public int MigrateFolioPasses { get; init; } = 7;

    /// <summary>Where frees find the migratetype of their free list.</summary>
    public FreeTypeRule FreeType { get; init; } = FreeTypeRule.PageblockUnderLock;

    /// <summary>What the profile does, mechanism by mechanism, with the kernel function and the version that brought it.</summary>
    public IReadOnlyList<KernelMechanism> Mechanisms => Describe();

    private List<KernelMechanism> Describe() =>
    [
        Drain == DrainProtocol.CallerUnderPcpLock
            ? new("drain_all_pages()", "the caller drains each CPU in turn under its pcp->lock; pcpu_drain_mutex; racy cpus_with_pcps filter",
                "__drain_all_pages, drain_pages_zone", "6.0, 443c2accd1b6 mm/page_alloc: remotely drain per-cpu lists")
            : new("drain_all_pages()", "a work item per CPU, all CPUs drain their own lists at once, the caller waits for all",
                "__drain_all_pages, drain_local_pages_wq, flush_work", "4.11 (work items; IPIs before), until 5.19"),
        DrainInChunks
            ? new("drain chunks", $"at most batch << {PcpBatchScaleMax} pages per pcp->lock hold, count re-read under the lock",
                "drain_pages_zone", "6.7 mm, pcp: reduce lock contention for draining high-order pages; 66eca1021a42 (6.10); both in 6.1.y")
            : new("drain chunks", "the whole list in one hold", "drain_pages_zone, free_pcppages_bulk", "before 6.7"),
        PcpTrylockFallback
            ? new("pcp_spin_trylock fallback", "an allocation or free finding its pcp->lock held takes zone->lock for that one page",
                "rmqueue_pcplist -> rmqueue_buddy, free_unref_page -> free_one_page", "6.0, 4b23a68f9536 mm/page_alloc: protect PCP lists with a spinlock")
            : new("pcp_spin_trylock fallback", "none: the lists are only touched by their own CPU (local_lock / IRQs off)",
                "local_lock_irqsave", "before 6.0"),
        PcpSizing switch
        {
            PcpSizingMode.AutoTuned => new("pcp high", "auto-tuned between high_min (low watermark / CPUs) and high_max (zone / 8 / CPUs), decay_pcp_high every second",
                "zone_highsize, nr_pcp_high, decay_pcp_high", "6.7 mm: add framework for PCP high auto-tuning; mm: tune PCP high automatically"),
            PcpSizingMode.ZoneLowWatermark => new("pcp high", "low watermark / CPUs, at least 4 × batch; 4 × batch while reclaim is active",
                "zone_highsize, nr_pcp_high", "5.14 mm/page_alloc: disassociate the pcp->high from pcp->batch"),
            _ => new("pcp high", "6 × batch", "pageset_set_batch", "before 5.14"),
        },
        PcpSizing switch
        {
            PcpSizingMode.AutoTuned => new("pcp batches", $"refills grow with alloc_factor, flushes follow free_count, both up to batch << {PcpBatchScaleMax}; orders 1..3 flushed in bulk (free_high)",
                "nr_pcp_alloc, nr_pcp_free, free_unref_page_commit", "6.7, 52166607ecc9 mm: restrict the pcp batch scale factor to avoid too long latency"),
            PcpSizingMode.ZoneLowWatermark => new("pcp batches", $"refill = batch >> order; flushes double with free_factor up to high - batch (scale max {PcpBatchScaleMax}); orders 1..3 flushed whole while freeing",
                "__rmqueue_pcplist, nr_pcp_free, free_unref_page_commit", "5.14, 3b12e7e97938 mm/page_alloc: scale the number of pages that are batch freed"),
            _ => new("pcp batches", "one batch per refill and flush", "rmqueue_bulk, free_pcppages_bulk", "before 5.14"),
        },
        LruDisableAfterDrain
            ? new("lru_cache_disable()", "after the drain, outside pcpu_drain_mutex: synchronize_rcu_expedited(), then a work item flushed on each CPU with an LRU batch",
                "lru_cache_disable, __lru_add_drain_all", "5.13 mm: disable LRU pagevec during the migration temporarily")
            : new("lru_cache_disable()", "the LRU batches drained together with the pcp lists (the emulator's older step)",
                "lru_add_drain_all", "(emulator approximation of the 5.x order)"),
        MigrateFolioPasses > 0
            ? new("migrate_pages() passes", $"{MigrateBatchPasses} passes over the batch (MIGRATE_ASYNC), then each folio still refusing alone, {MigrateFolioPasses} passes (MIGRATE_SYNC)",
                "migrate_pages_sync, migrate_pages_batch", "6.3 migrate_pages: try migrate in batch asynchronously firstly")
            : new("migrate_pages() passes", $"{MigrateBatchPasses} passes over the batch",
                "migrate_pages", "NR_MAX_MIGRATE_PAGES_RETRY (10 passes) until 6.2; 6.1.y keeps it"),
        FreeType == FreeTypeRule.PageblockUnderLock
            ? new("free migratetype", "the pageblock's type read under zone->lock", "free_pcppages_bulk, free_one_page",
                "6.10, 55612e80e722 mm: page_alloc: close migratetype race between freeing and stealing")
            : new("free migratetype", "the type cached on the pcp list / passed by the caller, looked up again only while the zone has an isolated pageblock",
                "free_pcppages_bulk, free_one_page", "3.18, 51bb1a4093cc / ad53f92eb416, until 6.9"),
    ];
}
