using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>A CMA area reserved at boot (struct cma).</summary>
public sealed record CmaAreaSpec
{
    /// <summary>Area name, as in /sys/kernel/mm/cma/&lt;name&gt;.</summary>
    public string Name { get; init; } = "reserved";

    /// <summary>Size in MiB; a whole number of pageblocks.</summary>
    [Limits(1, Bounds.MaxMemoryMiB)]
    public int SizeMiB { get; init; } = 256;

    /// <summary>One bitmap bit covers 2^orderPerBit pages.</summary>
    [Limits(0, 18)]
    public int OrderPerBit { get; init; }

    /// <summary>What the area lends its memory to while unallocated.</summary>
    public AreaPolicy Policy { get; init; } = AreaPolicy.Cma;

    /// <summary>The zone the area lies in; empty means the highest zone.</summary>
    public string? Zone { get; init; }
}
