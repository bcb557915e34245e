namespace CmaActors.Emulator.Scenarios;

/// <summary>A CMA area reserved at boot (struct cma).</summary>
public sealed record CmaAreaSpec
{
    /// <summary>Area name, as in /sys/kernel/mm/cma/&lt;name&gt;.</summary>
    public string Name { get; init; } = "reserved";

    /// <summary>Size in MiB; a whole number of pageblocks.</summary>
    public int SizeMiB { get; init; } = 256;

    /// <summary>One bitmap bit covers 2^orderPerBit pages.</summary>
    public int OrderPerBit { get; init; }

    /// <summary>What the area lends its memory to while unallocated.</summary>
    public AreaPolicy Policy { get; init; } = AreaPolicy.Cma;

    /// <summary>The zone the area lies in; empty means the highest zone.</summary>
    public string? Zone { get; init; }
}
