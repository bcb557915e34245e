namespace CmaActors.Emulator.Scenarios;

/// <summary>The design knobs a scenario can turn.</summary>
public sealed record PolicySpec
{
    /// <summary>pcp->batch: pages moved per refill or flush.</summary>
    public int PcpBatch { get; init; } = 63;

    /// <summary>pcp->high: flush when a CPU holds this many pages; 0 means 6 × batch.</summary>
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
    public int MigrateTries { get; init; } = 5;

    /// <summary>Pages isolated for migration per round (COMPACT_CLUSTER_MAX).</summary>
    public int MigrateChunkPages { get; init; } = 32;

    /// <summary>Sleep between migration rounds, in ms; mainline has none.</summary>
    public double MigrateRetryBackoffMs { get; init; }
}
