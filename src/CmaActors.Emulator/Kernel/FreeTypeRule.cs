namespace CmaActors.Emulator.Kernel;

/// <summary>Where a free finds the migratetype of the free list it goes to.</summary>
public enum FreeTypeRule
{
    /// <summary>
    /// 6.10 on (the migratetype hygiene series, 55612e80e722 and its neighbours): free_pcppages_bulk() and
    /// free_one_page() read the pageblock's type under zone-&gt;lock.
    /// </summary>
    PageblockUnderLock,

    /// <summary>
    /// 2014 to 6.9: free_pcppages_bulk() uses the type cached when the page went on the pcp list and free_one_page()
    /// the caller's, each looked up again only while a pageblock of the zone is isolated (has_isolate_pageblock()).
    /// </summary>
    CallerUnlessIsolating,
}
