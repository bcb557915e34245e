namespace CmaActors.Emulator.Scenarios;

/// <summary>Which mutex serialises alloc_contig_range() calls from cma_alloc().</summary>
public enum ContigMutexScope
{
    /// <summary>One cma_mutex for every area (mainline until 2025).</summary>
    Global,

    /// <summary>cma->alloc_mutex per area (24ac6fb6e364, 2025).</summary>
    PerArea,

    /// <summary>No mutex (a4efc174b382, 2020–2022; race R8).</summary>
    None,
}
