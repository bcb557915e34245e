namespace CmaActors.Memory.Buddy;

/// <summary>The allocator's internal <c>alloc_flags</c> (mm/internal.h ALLOC_*), as far as the buddy lists use them.</summary>
[Flags]
public enum AllocFlags : uint
{
    /// <summary>No special rights.</summary>
    None = 0,

    /// <summary>ALLOC_CMA: may use CMA pageblocks (set for movable requests by gfp_to_alloc_flags_cma()).</summary>
    Cma = 1 << 0,

    /// <summary>ALLOC_HIGHATOMIC: may use the MIGRATE_HIGHATOMIC reserve first.</summary>
    HighAtomic = 1 << 1,

    /// <summary>ALLOC_MIN_RESERVE (__GFP_HIGH): may dip to half of the min watermark.</summary>
    MinReserve = 1 << 2,

    /// <summary>ALLOC_NON_BLOCK (GFP_ATOMIC): a little more of the reserve; may use HIGHATOMIC when all else fails.</summary>
    NonBlock = 1 << 3,

    /// <summary>ALLOC_OOM: an OOM victim; may use HIGHATOMIC and more of the reserve.</summary>
    Oom = 1 << 4,

    /// <summary>ALLOC_NOFRAGMENT: fall back only to whole pageblocks.</summary>
    NoFragment = 1 << 5,

    /// <summary>ALLOC_RESERVES: any flag that grants access to reserves.</summary>
    Reserves = HighAtomic | MinReserve | NonBlock | Oom,
}
