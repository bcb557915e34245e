namespace CmaActors.Emulator.Workloads;

/// <summary>Where one page of a process's working set is.</summary>
public enum LogicalPageState : byte
{
    /// <summary>Never touched: the first touch allocates it (a warm page cache, a fresh anonymous page).</summary>
    Untouched,

    /// <summary>In memory, mapped, on the process's LRU.</summary>
    Resident,

    /// <summary>A fault on it is in progress (allocation, then a read or a copy).</summary>
    Faulting,

    /// <summary>Evicted: a file page back on disk, an anonymous page in swap; the next touch refaults it.</summary>
    Evicted,
}
