namespace CmaActors.Memory.Frames;

/// <summary>Where a page frame is. Exactly one place per frame (the conservation invariant).</summary>
public enum PagePlace : byte
{
    /// <summary>Not managed by any zone (a hole in the physical map).</summary>
    Hole = 0,

    /// <summary>Free, inside a buddy block on a zone free list. Holder = zone id.</summary>
    Buddy = 1,

    /// <summary>On a CPU's per-cpu page list. Holder = cpu.</summary>
    Pcp = 2,

    /// <summary>Inside a message between actors. Holder = message id.</summary>
    InFlight = 3,

    /// <summary>Allocated to an owner. Holder = owner id.</summary>
    Owned = 4,

    /// <summary>Held by a CMA or other contiguous allocation. Holder = allocation id.</summary>
    Contig = 5,

    /// <summary>A carve-out nothing may use (PG_reserved). Holder = carve-out id or -1.</summary>
    Reserved = 6,
}
