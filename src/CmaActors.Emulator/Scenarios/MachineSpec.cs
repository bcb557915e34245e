using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>The emulated machine: CPUs, physical memory and its zones.</summary>
public sealed record MachineSpec
{
    /// <summary>Number of CPUs (one CpuActor each).</summary>
    [Limits(1, Bounds.MaxCpus)]
    public int Cpus { get; init; } = 4;

    /// <summary>Physical memory in MiB (4 KiB page frames).</summary>
    [Limits(1, Bounds.MaxMemoryMiB)]
    public int MemoryMiB { get; init; } = 1024;

    /// <summary>pageblock_order: a pageblock is 2^order pages (9 = 2 MiB).</summary>
    [Limits(1, 18)]
    public int PageblockOrder { get; init; } = 9;

    /// <summary>MAX_PAGE_ORDER: the largest buddy block is 2^order pages (10 = 4 MiB).</summary>
    [Limits(1, 18)]
    public int MaxPageOrder { get; init; } = 10;

    /// <summary>vm.min_free_kbytes; 0 derives it as the kernel does (4 × sqrt(lowmem KiB)).</summary>
    [Limits(0, 1_048_576, Note = "0 = derived as the kernel does")]
    public int MinFreeKbytes { get; init; }

    /// <summary>Zones from the lowest address up; empty means one zone "Normal" spanning all memory.</summary>
    public IReadOnlyList<ZoneSpec> Zones { get; init; } = [];
}
