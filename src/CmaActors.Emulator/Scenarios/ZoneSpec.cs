using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>One memory zone, laid out after the previous one.</summary>
public sealed record ZoneSpec
{
    /// <summary>Zone name as /proc/buddyinfo shows it (DMA, DMA32, Normal, Movable...).</summary>
    public string Name { get; init; } = "Normal";

    /// <summary>Size in MiB.</summary>
    [Limits(1, Bounds.MaxMemoryMiB)]
    public int SizeMiB { get; init; }
}
