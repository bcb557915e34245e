namespace CmaActors.Emulator.Stats;

/// <summary>What a page frame holds, in the few classes the pageblock-use map shows.</summary>
public enum PageblockUse : byte
{
    /// <summary>Free: in the buddy allocator or on a pcp list.</summary>
    Free,

    /// <summary>Anonymous memory of a process.</summary>
    Anon,

    /// <summary>Page cache of a process.</summary>
    File,

    /// <summary>Kernel (unmovable) allocations.</summary>
    Kernel,

    /// <summary>GCMA's discardable copies (cleancache, frontswap).</summary>
    Stored,

    /// <summary>Taken by cma_alloc() (or a reserved area's allocation) for a driver.</summary>
    Contiguous,

    /// <summary>Reserved outside the buddy allocator and unallocated (carve-out, GCMA area).</summary>
    Reserved,

    /// <summary>Anything else: pages in a message, holes.</summary>
    Other,
}
