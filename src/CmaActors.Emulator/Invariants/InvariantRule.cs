namespace CmaActors.Emulator.Invariants;

/// <summary>Names of the rules of design.md §5, as violation reports print them.</summary>
public static class InvariantRule
{
    /// <summary>Every page frame is in exactly one place: a free block, a pcp list, an owner, an allocation, a message.</summary>
    public const string Conservation = "conservation";

    /// <summary>Free counters equal the free lists; CMA free counters equal the free CMA pages.</summary>
    public const string FreeCounters = "free-counters";

    /// <summary>Buddy blocks aligned, inside one pageblock type, never overlapping; pcp counts equal their lists.</summary>
    public const string Structure = "structure";

    /// <summary>No allocation takes a page out of the buddy from an isolated pageblock.</summary>
    public const string IsolatedHandout = "isolated-handout";

    /// <summary>No page of a CMA pageblock ends up in an unmovable allocation.</summary>
    public const string CmaUnmovable = "cma-unmovable";

    /// <summary>CMA bitmap bits and the pages held by CMA allocations agree.</summary>
    public const string CmaBitmap = "cma-bitmap";

    /// <summary>Two contiguous allocations never isolate the same pageblock at once (what the contiguous-allocation mutex guarantees).</summary>
    public const string IsolationExclusive = "isolation-exclusive";

    /// <summary>
    /// Once a drain_all_pages() that must reach every CPU (drain scope allCpus, force_all_cpus) has returned, no pcp list
    /// holds a page of a pageblock its caller isolated, until that isolation is undone.
    /// </summary>
    public const string DrainedPcp = "drained-pcp";
}
