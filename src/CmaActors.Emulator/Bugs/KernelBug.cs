namespace CmaActors.Emulator.Bugs;

/// <summary>
/// The historical kernel bugs the emulator can switch back on, one flag each (kernel-model.md §6). Each is the
/// kernel's code as it was before the fix, at the step the fix changed; see <see cref="HistoricalBugs"/>.
/// </summary>
[Flags]
public enum KernelBug
{
    /// <summary>No bug: the fixed kernel.</summary>
    None = 0,

    /// <summary>R1: free_pcppages_bulk() frees with the migratetype cached when the page went on the pcp list.</summary>
    StalePcpMigratetype = 1 << 0,

    /// <summary>R2: free_one_page() frees with the migratetype read before zone->lock was taken.</summary>
    UnlockedFreeMigratetype = 1 << 1,

    /// <summary>R3: __free_one_page() merges across pageblocks of any type at pageblock order and above.</summary>
    MergeAcrossIsolated = 1 << 2,

    /// <summary>R4: drain_pages_zone() reads pcp->count without pcp->lock.</summary>
    DrainCountUnlocked = 1 << 3,

    /// <summary>R5: drain_all_pages() skips CPUs whose pcp count reads zero even when every CPU must be drained.</summary>
    RacyDrainFilter = 1 << 4,

    /// <summary>R7: frees use the migratetype read before zone->lock unless a pageblock of the zone is isolated.</summary>
    FreeVsSteal = 1 << 5,

    /// <summary>R8: cma_alloc() calls alloc_contig_range() without the contiguous-allocation mutex.</summary>
    NoContigMutex = 1 << 6,

    /// <summary>R10: alloc_contig_range() returns the migration's -EBUSY even when the range test then passed.</summary>
    StaleBusyReturn = 1 << 7,

    /// <summary>
    /// R6: free_unref_page() overwrote a CMA or HIGHATOMIC page's type with MOVABLE (its pcp list) before the trylock;
    /// when the trylock failed, free_one_page() got MOVABLE and, with no isolated pageblock in the zone, used it.
    /// </summary>
    FallbackFreesAsMovable = 1 << 8,
}
