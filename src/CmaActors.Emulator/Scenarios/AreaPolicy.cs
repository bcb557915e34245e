namespace CmaActors.Emulator.Scenarios;

/// <summary>What a reserved area lends its memory to while no contiguous allocation uses it.</summary>
public enum AreaPolicy
{
    /// <summary>CMA: movable pages of any kind may live in the area and are migrated or dropped on cma_alloc.</summary>
    Cma,

    /// <summary>GCMA: only immediately discardable pages — a cleancache of evicted clean file pages and write-through frontswap copies.</summary>
    Gcma,

    /// <summary>A carve-out nothing else may use.</summary>
    Reservation,
}
