namespace CmaActors.Memory.Frames;

/// <summary>
/// Page mobility type of a pageblock and of a free list, in the kernel's enum order
/// (<c>enum migratetype</c> in include/linux/mmzone.h).
/// </summary>
public enum MigrateType : byte
{
    /// <summary>MIGRATE_UNMOVABLE: kernel allocations that cannot move.</summary>
    Unmovable = 0,

    /// <summary>MIGRATE_MOVABLE: user and page-cache pages that migration can move.</summary>
    Movable = 1,

    /// <summary>MIGRATE_RECLAIMABLE: slab caches that a shrinker can free.</summary>
    Reclaimable = 2,

    /// <summary>MIGRATE_HIGHATOMIC: pageblocks reserved for high-order atomic allocations.</summary>
    HighAtomic = 3,

    /// <summary>MIGRATE_CMA: pageblocks of a CMA area; only movable allocations may use them.</summary>
    Cma = 4,

    /// <summary>MIGRATE_ISOLATE: pageblocks taken out of use while a range is being isolated.</summary>
    Isolate = 5,
}
