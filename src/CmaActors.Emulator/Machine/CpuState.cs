using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Machine;

/// <summary>One CPU's per-CPU page lists, one struct per_cpu_pages per zone, owned by its CpuActor.</summary>
public sealed class CpuState(int cpu, IReadOnlyList<PerCpuPages> pcpByZone)
{
    /// <summary>CPU number.</summary>
    public int Cpu { get; } = cpu;

    /// <summary>The pcp lists for each zone, by zone id.</summary>
    public IReadOnlyList<PerCpuPages> PcpByZone { get; } = pcpByZone;

    /// <summary>Pages this CPU moved from a zone to its lists (rmqueue_bulk calls × pages).</summary>
    public long PcpRefills;

    /// <summary>Flushes of its lists to a zone (free_pcppages_bulk calls).</summary>
    public long PcpFlushes;

    /// <summary>Drains of its lists requested by drain_all_pages().</summary>
    public long PcpDrains;

    /// <summary>Allocation requests it could not satisfy (the zone was below its watermark or empty).</summary>
    public long AllocFailures;
}
