using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>Unmovable kernel allocations (slab, page tables): pages that must never come from a CMA pageblock.</summary>
public sealed record KernelAllocSpec : WorkloadSpec
{
    /// <summary>The CPU it runs on.</summary>
    [Limits(0, Bounds.MaxCpus - 1)]
    public int Cpu { get; init; }

    /// <summary>Pages allocated per second.</summary>
    [Limits(Bounds.MinPerSecond, Bounds.MaxPerSecond)]
    public double PagesPerSecond { get; init; } = 2_000;

    /// <summary>Pages per allocation request.</summary>
    [Limits(1, 4096)]
    public int BatchPages { get; init; } = 8;

    /// <summary>How long a page lives.</summary>
    public TimeRangeMs LifetimeMs { get; init; } = new() { Min = 100, Max = 20_000 };
}
