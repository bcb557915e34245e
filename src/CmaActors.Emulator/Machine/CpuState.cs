using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// One CPU's per-CPU page lists, one struct per_cpu_pages per zone, owned by its CpuActor; with their sizing state and
/// (6.0+) the pcp-&gt;lock a remote drainer takes.
/// </summary>
public sealed class CpuState(int cpu, IReadOnlyList<PerCpuPages> pcpByZone, IReadOnlyList<PcpHighBatch>? sizingByZone = null)
{
    /// <summary>CPU number.</summary>
    public int Cpu { get; } = cpu;

    /// <summary>The pcp lists for each zone, by zone id.</summary>
    public IReadOnlyList<PerCpuPages> PcpByZone { get; } = pcpByZone;

    /// <summary>pcp-&gt;high, batch and their scaling state for each zone's lists, by zone id.</summary>
    public IReadOnlyList<PcpHighBatch> SizingByZone { get; } = sizingByZone ??
        pcpByZone.Select(p => new PcpHighBatch(PcpSizingMode.Static, p.Batch, p.High, p.High)).ToList();

    /// <summary>pcp-&gt;lock of each zone's lists, by zone id.</summary>
    public IReadOnlyList<PcpLock> PcpLocks { get; } = pcpByZone.Select((_, zoneId) => new PcpLock(cpu, zoneId)).ToList();

    /// <summary>Pages waiting in this CPU's LRU add batch (cpu_needs_drain() reads it without a lock).</summary>
    public volatile int LruBatchPages;

    /// <summary>Pages this CPU allocated or freed through zone-&gt;lock because a remote drainer held its pcp lock.</summary>
    public long PcpTrylockFallbacks;

    /// <summary>Pages this CPU moved from a zone to its lists (rmqueue_bulk calls × pages).</summary>
    public long PcpRefills;

    /// <summary>Flushes of its lists to a zone (free_pcppages_bulk calls).</summary>
    public long PcpFlushes;

    /// <summary>Drains of its lists requested by drain_all_pages().</summary>
    public long PcpDrains;

    /// <summary>Allocation requests it could not satisfy (the zone was below its watermark or empty).</summary>
    public long AllocFailures;
}
