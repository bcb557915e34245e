using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>The design knobs a scenario can turn.</summary>
public sealed record PolicySpec
{
    /// <summary>pcp->batch: pages moved per refill or flush; 0 takes zone_batchsize() (63 for zones of 256 MiB and more).</summary>
    [Limits(0, 4096, Note = "0 = zone_batchsize()")]
    public int PcpBatch { get; init; }

    /// <summary>
    /// pcp->high: flush when a CPU holds this many pages; 0 sizes it as the kernel profile does (6 × batch, the low
    /// watermark's share, or auto-tuned between high_min and high_max). A fixed value also disables auto-tuning.
    /// </summary>
    [Limits(0, 1_048_576, Note = "0 = sized by the kernel profile")]
    public int PcpHigh { get; init; }

    /// <summary>Keep orders 1..3 and THP on pcp lists (5.14+); false keeps order 0 only.</summary>
    public bool HighOrderPcp { get; init; } = true;

    /// <summary>Scope of the contiguous-allocation mutex.</summary>
    public ContigMutexScope ContigMutex { get; init; } = ContigMutexScope.Global;

    /// <summary>Which CPUs drain_all_pages() targets.</summary>
    public DrainScope Drain { get; init; } = DrainScope.CpusWithPages;

    /// <summary>Serve movable allocations from CMA first when over half of free memory is CMA (16867664936e).</summary>
    public bool CmaFirstWhenOverHalfFree { get; init; } = true;

    /// <summary>Rounds of __alloc_contig_migrate_range() a page that fails to migrate gets before -EBUSY.</summary>
    [Limits(1, 100)]
    public int MigrateTries { get; init; } = 5;

    /// <summary>Pages isolated for migration per round (COMPACT_CLUSTER_MAX).</summary>
    [Limits(1, 4096)]
    public int MigrateChunkPages { get; init; } = 32;

    /// <summary>Sleep between migration rounds for pages that refused, ms; mainline has none (0).</summary>
    public TimeRangeMs MigrateRetryBackoffMs { get; init; } = TimeRangeMs.Fixed(0);

    /// <summary>What to do with clean page-cache pages in a range.</summary>
    public CleanPageAction CleanPages { get; init; } = CleanPageAction.Discard;

    /// <summary>What migration does with pages under writeback.</summary>
    public WritebackAction Writeback { get; init; } = WritebackAction.Wait;

    /// <summary>Pages in a per-CPU LRU add batch (PAGEVEC_SIZE / folio_batch: 15); 0 adds pages to the LRU at once.</summary>
    [Limits(0, 512)]
    public int LruBatchPages { get; init; } = 15;

    /// <summary>cma_alloc disables the LRU add batches while it migrates (lru_cache_disable(), 5.13+).</summary>
    public bool LruCacheDisable { get; init; } = true;
}
