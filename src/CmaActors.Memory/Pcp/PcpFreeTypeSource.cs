namespace CmaActors.Memory.Pcp;

/// <summary>Which migratetype free_pcppages_bulk() passes to __free_one_page(), by kernel era.</summary>
public enum PcpFreeTypeSource : byte
{
    /// <summary>6.10+: the pageblock type, read under zone-&gt;lock (the pcp cache was removed).</summary>
    PageblockUnderLock = 0,

    /// <summary>2014–6.9: the cached type, re-read from the pageblock when zone-&gt;nr_isolate_pageblock != 0
    /// (fix of race R1, 51bb1a4093cc).</summary>
    CachedUnlessIsolating = 1,

    /// <summary>Before 51bb1a4093cc: always the cached type, so a page of a block isolated meanwhile lands on
    /// the list of its stale type (race R1).</summary>
    Cached = 2,
}
