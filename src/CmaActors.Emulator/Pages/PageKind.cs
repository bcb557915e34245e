namespace CmaActors.Emulator.Pages;

/// <summary>What a page in use holds; stored in the frame table's Kind byte.</summary>
public enum PageKind : byte
{
    /// <summary>Not in use by a workload.</summary>
    None = 0,

    /// <summary>Anonymous process memory: movable, migrated by copy.</summary>
    Anon = 1,

    /// <summary>Unmovable kernel memory (slab, page tables): must never come from a CMA pageblock.</summary>
    Kernel = 2,

    /// <summary>Part of a contiguous (CMA) allocation.</summary>
    Contig = 3,

    /// <summary>Page cache of a file: clean, dirty or under writeback (see <see cref="PageFlags"/>).</summary>
    File = 4,

    /// <summary>GCMA: a copy of an evicted clean file page (cleancache), droppable at once.</summary>
    Cleancache = 5,

    /// <summary>GCMA: a write-through copy of a swapped-out anonymous page (frontswap), droppable at once.</summary>
    Frontswap = 6,
}
