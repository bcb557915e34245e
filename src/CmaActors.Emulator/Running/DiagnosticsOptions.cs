using CmaActors.Emulator.Tracing;

namespace CmaActors.Emulator.Running;

/// <summary>What a run records beyond its counters and latencies.</summary>
public sealed record DiagnosticsOptions
{
    /// <summary>Everything on, trace off: what a run records unless told otherwise.</summary>
    public static DiagnosticsOptions Default { get; } = new();

    /// <summary>Lock statistics of zones, areas and CPUs, and mailbox wait per actor (two delivery observers).</summary>
    public bool LockStatistics { get; init; } = true;

    /// <summary>/proc snapshots every this much virtual time, ns, besides the start and the end (0: start and end only).</summary>
    public long SnapshotEveryNs { get; init; } = 10_000_000_000;

    /// <summary>At most this many pageblock maps over the run (a map is one byte per pageblock).</summary>
    public int MaxPageblockMaps { get; init; } = 300;

    /// <summary>The trace to record, or null for none.</summary>
    public TraceSettings? Trace { get; init; }
}
