using CmaActors.Emulator.Kernel;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Bugs;

/// <summary>
/// Which migratetype a free hands to __free_one_page(), by the kernel era the profile and the switched-on bugs select:
/// the type read before zone->lock was taken (pre-2014), that type unless a pageblock of the zone is isolated (2014 to
/// 6.9, the 6.1 profile), or the pageblock's type read under zone->lock (6.10 on, the 6.12 profile).
/// </summary>
public static class MigratetypeLookup
{
    /// <summary>free_pcppages_bulk(): the source of the type of pages flushed from a pcp list (6.10+ rule).</summary>
    public static PcpFreeTypeSource ForPcpFlush(KernelBug bugs) => ForPcpFlush(bugs, FreeTypeRule.PageblockUnderLock);

    /// <summary>free_pcppages_bulk(): the source of the type of pages flushed from a pcp list.</summary>
    public static PcpFreeTypeSource ForPcpFlush(KernelBug bugs, FreeTypeRule rule) =>
        (bugs & KernelBug.StalePcpMigratetype) != 0 ? PcpFreeTypeSource.Cached
        : (bugs & KernelBug.FreeVsSteal) != 0 || rule == FreeTypeRule.CallerUnlessIsolating ? PcpFreeTypeSource.CachedUnlessIsolating
        : PcpFreeTypeSource.PageblockUnderLock;

    /// <summary>free_one_page(): the type to free a block with (6.10+ rule).</summary>
    public static MigrateType ForFreeOnePage(KernelBug bugs, MigrateType? readBeforeLock, MigrateType underLock, bool zoneHasIsolated) =>
        ForFreeOnePage(bugs, FreeTypeRule.PageblockUnderLock, readBeforeLock, underLock, zoneHasIsolated, trylockFallback: false);

    /// <summary>free_one_page(): the type to free a block with.</summary>
    /// <param name="bugs">The switched-on bugs.</param>
    /// <param name="rule">The kernel profile's rule.</param>
    /// <param name="readBeforeLock">The type the freeing CPU read without the lock (get_pfnblock_migratetype()), or
    /// passes, if any.</param>
    /// <param name="underLock">The pageblock's type now, under zone->lock.</param>
    /// <param name="zoneHasIsolated">has_isolate_pageblock(zone).</param>
    /// <param name="trylockFallback">The free comes from free_unref_page()'s pcp_spin_trylock() fallback.</param>
    public static MigrateType ForFreeOnePage(KernelBug bugs, FreeTypeRule rule, MigrateType? readBeforeLock, MigrateType underLock,
        bool zoneHasIsolated, bool trylockFallback)
    {
        if (readBeforeLock is not { } early)
            return underLock;
        // Before ad53f92eb416 free_one_page() trusted its caller's type.
        if ((bugs & KernelBug.UnlockedFreeMigratetype) != 0)
            return early;
        // Until 55612e80e722 (6.10) it looked again only when isolation was involved. R6 is a bug of that era: its
        // fallback free reaches the free_one_page() of then.
        var eraBeforeHygiene = (bugs & KernelBug.FreeVsSteal) != 0 || rule == FreeTypeRule.CallerUnlessIsolating ||
                               (trylockFallback && (bugs & KernelBug.FallbackFreesAsMovable) != 0);
        if (eraBeforeHygiene && !zoneHasIsolated && early != MigrateType.Isolate)
            return early;
        return underLock;
    }
}
