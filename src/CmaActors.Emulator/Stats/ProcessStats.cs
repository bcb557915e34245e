namespace CmaActors.Emulator.Stats;

/// <summary>What one background process did: its work and what got in its way.</summary>
public sealed class ProcessStats(string name)
{
    /// <summary>Process name.</summary>
    public string Name { get; } = name;

    /// <summary>Page accesses completed: the process's work.</summary>
    public long Accesses;

    /// <summary>Page faults (first touches and refaults).</summary>
    public long Faults;

    /// <summary>Refaults served by the block device (a read or a swap-in).</summary>
    public long MajorFaults;

    /// <summary>Refaults served from GCMA's cleancache or frontswap.</summary>
    public long StoreHits;

    /// <summary>Steps the process could not run because it waited for a fault.</summary>
    public long StalledSteps;

    /// <summary>Clean file pages dropped by reclaim.</summary>
    public long FileDrops;

    /// <summary>Anonymous pages swapped out by reclaim.</summary>
    public long SwapOuts;

    /// <summary>Pages written back (flusher, reclaim, migration).</summary>
    public long PagesWrittenBack;

    /// <summary>Pages moved by migration.</summary>
    public long Migrated;

    /// <summary>Pages dropped for a contiguous allocation (clean page cache).</summary>
    public long DroppedForCma;
}
