namespace CmaActors.Emulator.Machine;

/// <summary>
/// Counters of one CMA area, named as the kernel's sysfs (/sys/kernel/mm/cma/&lt;name&gt;/) and vmstat ones, plus
/// what the emulator adds: busy retries, migrated pages, drains. Several cma_alloc tasks of one area count at once in
/// parallel mode, so every change is atomic (the kernel's atomic64_add on the sysfs counters).
/// </summary>
public sealed class CmaAreaCounters
{
    /// <summary>alloc_pages_success: pages handed out by successful cma_alloc calls.</summary>
    public long AllocPagesSuccess;

    /// <summary>alloc_pages_fail: pages asked for by failed cma_alloc calls.</summary>
    public long AllocPagesFail;

    /// <summary>release_pages_success: pages given back by cma_release.</summary>
    public long ReleasePagesSuccess;

    /// <summary>cma_alloc calls that succeeded (vmstat CMA_ALLOC_SUCCESS).</summary>
    public long AllocSuccess;

    /// <summary>cma_alloc calls that failed (vmstat CMA_ALLOC_FAIL).</summary>
    public long AllocFail;

    /// <summary>Ranges given up with -EBUSY and retried further on.</summary>
    public long BusyRetries;

    /// <summary>Pages moved out of a range by migration.</summary>
    public long PagesMigrated;

    /// <summary>Pages dropped instead of migrated (clean page cache, GCMA's discardable copies).</summary>
    public long PagesDiscarded;

    /// <summary>Migration attempts refused because the page was pinned.</summary>
    public long MigrateBusyPages;

    /// <summary>drain_all_pages() calls made by cma_alloc.</summary>
    public long Drains;

    /// <summary>Pageblock isolations refused (-EBUSY from set_migratetype_isolate).</summary>
    public long IsolationFailures;
}
