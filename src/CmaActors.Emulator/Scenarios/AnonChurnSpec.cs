using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// Anonymous memory churn: one process per listed CPU allocating movable order-0 pages that live for a random time,
/// keeping free memory near a target so the CMA area fills with movable pages. Some pages are pinned for a while
/// (direct I/O), which makes their migration fail.
/// </summary>
public sealed record AnonChurnSpec : WorkloadSpec
{
    /// <summary>CPUs that run one churn process each; empty means every CPU.</summary>
    [Limits(0, Bounds.MaxCpus - 1)]
    public IReadOnlyList<int> Cpus { get; init; } = [];

    /// <summary>Allocate only while free memory is above this share of all memory.</summary>
    [Limits(0, 99.999)]
    public double TargetFreePercent { get; init; } = 8;

    /// <summary>Pages per allocation request.</summary>
    [Limits(1, 4096)]
    public int BatchPages { get; init; } = 32;

    /// <summary>Time between two allocation attempts of one process, µs.</summary>
    [Limits(1, Bounds.DayMs * 1000)]
    public double IntervalUs { get; init; } = 500;

    /// <summary>How long an allocated page lives.</summary>
    public TimeRangeMs LifetimeMs { get; init; } = new() { Min = 200, Max = 60_000 };

    /// <summary>Short-term pins started per second per process (0 = none).</summary>
    [Limits(Bounds.MinPerSecond, Bounds.MaxPerSecond, OrZero = true, Note = "0 = no pins")]
    public double PinsPerSecond { get; init; } = 20;

    /// <summary>How long a pin is held.</summary>
    public TimeRangeMs PinMs { get; init; } = new() { Min = 1, Max = 100 };

    /// <summary>
    /// Share of the pages a cma_alloc() isolated for migration that another thread of the process pins (direct I/O,
    /// GUP-fast on the still-mapped page) before migrate_pages() checks their reference count; held for pinMs. The
    /// page was not pinned when isolate_migratepages_block() looked, so it is isolated and then refuses (-EAGAIN)
    /// for as long as the pin lasts. 0 = pins never land in that window on purpose (only by chance).
    /// </summary>
    [Limits(0, 100)]
    public double MigrationPinPercent { get; init; }

    /// <summary>
    /// Share of the machine's memory (managed pages) the workload's processes take at boot, before the run starts, in
    /// one bulk fill split evenly between them: movable anonymous pages on the LRU, taken as order-0 allocations would
    /// take them (CMA pageblocks too, as the CMA-first rule allows) and never below a zone's high watermark. They live
    /// for lifetimeMs from the start and migrate like the process's other pages. 0 = no fill.
    /// </summary>
    [Limits(0, 100)]
    public double FillPercent { get; init; }
}
