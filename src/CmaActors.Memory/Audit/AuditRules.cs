namespace CmaActors.Memory.Audit;

/// <summary>Names of the rules <see cref="ZoneAudit"/> checks.</summary>
public static class AuditRules
{
    /// <summary>free_area[order].nr_free equals the blocks on that order's lists.</summary>
    public const string NrFree = "nr_free";

    /// <summary>NR_FREE_PAGES equals the pages on all non-ISOLATE lists.</summary>
    public const string NrFreePages = "NR_FREE_PAGES";

    /// <summary>NR_FREE_CMA_PAGES equals the pages on the CMA lists.</summary>
    public const string NrFreeCmaPages = "NR_FREE_CMA_PAGES";

    /// <summary>nr_free_highatomic equals the pages on the HIGHATOMIC lists.</summary>
    public const string NrFreeHighAtomic = "nr_free_highatomic";

    /// <summary>nr_isolate_pageblock equals the MIGRATE_ISOLATE pageblocks of the zone.</summary>
    public const string NrIsolatePageblock = "nr_isolate_pageblock";

    /// <summary>A list's links are consistent (prev/next, tail, list id) and its length equals its count.</summary>
    public const string ListLinks = "list-links";

    /// <summary>A free block lies inside the zone.</summary>
    public const string BuddyInZone = "buddy-in-zone";

    /// <summary>A free block is aligned to its order.</summary>
    public const string BuddyAlignment = "buddy-alignment";

    /// <summary>A free block's head is PageBuddy with the list's order, and no other frame of the block is.</summary>
    public const string BuddyFlag = "buddy-flag";

    /// <summary>Every frame of a free block has place Buddy, and a frame flagged PageBuddy is free.</summary>
    public const string BuddyPlace = "buddy-place";

    /// <summary>Free blocks do not overlap.</summary>
    public const string BuddyOverlap = "buddy-overlap";

    /// <summary>A free block lies in pageblocks of its list's type.</summary>
    public const string BuddyPageblockType = "buddy-pageblock-type";

    /// <summary>A frame with place Buddy belongs to a free block on a free list.</summary>
    public const string BuddyOrphan = "buddy-orphan";

    /// <summary>A free block's head is linked on the free list of its order and pageblock type.</summary>
    public const string BuddyList = "buddy-list";

    /// <summary>pcp-&gt;count equals the pages on its lists.</summary>
    public const string PcpCount = "pcp-count";

    /// <summary>A pcp block is an aligned block of the pcp's zone.</summary>
    public const string PcpBlock = "pcp-block";

    /// <summary>Every frame of a pcp block has place Pcp and holder cpu; every such frame is on a list.</summary>
    public const string PcpPlace = "pcp-place";
}
