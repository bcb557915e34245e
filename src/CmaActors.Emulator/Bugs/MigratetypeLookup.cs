using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Bugs;

/// <summary>
/// Which migratetype a free hands to __free_one_page(), by the kernel era the switched-on bugs select: the type read
/// before zone->lock was taken (pre-2014), that type unless a pageblock of the zone is isolated (2014 to 6.9), or the
/// pageblock's type read under zone->lock (6.10 on, the emulator's model).
/// </summary>
public static class MigratetypeLookup
{
    /// <summary>free_pcppages_bulk(): the source of the type of pages flushed from a pcp list.</summary>
    public static PcpFreeTypeSource ForPcpFlush(KernelBug bugs) =>
        (bugs & KernelBug.StalePcpMigratetype) != 0 ? PcpFreeTypeSource.Cached
        : (bugs & KernelBug.FreeVsSteal) != 0 ? PcpFreeTypeSource.CachedUnlessIsolating
        : PcpFreeTypeSource.PageblockUnderLock;

    /// <summary>free_one_page(): the type to free a block with.</summary>
    /// <param name="bugs">The switched-on bugs.</param>
    /// <param name="readBeforeLock">The type the freeing CPU read without the lock (get_pfnblock_migratetype()), if any.</param>
    /// <param name="underLock">The pageblock's type now, under zone->lock.</param>
    /// <param name="zoneHasIsolated">has_isolate_pageblock(zone).</param>
    public static MigrateType ForFreeOnePage(KernelBug bugs, MigrateType? readBeforeLock, MigrateType underLock, bool zoneHasIsolated)
    {
        if (readBeforeLock is not { } early)
            return underLock;
        // Before ad53f92eb416 free_one_page() trusted its caller's type.
        if ((bugs & KernelBug.UnlockedFreeMigratetype) != 0)
            return early;
        // Until 55612e80e722 it looked again only when isolation was involved.
        if ((bugs & KernelBug.FreeVsSteal) != 0 && !zoneHasIsolated && early != MigrateType.Isolate)
            return early;
        return underLock;
    }
}
