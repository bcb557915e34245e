using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// A memory-hungry background load (a kernel build, blogbench): one process per listed CPU touching a working set of
/// anonymous and file-backed pages. Pages are allocated on first touch and on every refault; when memory runs out
/// kswapd reclaims the least recently used ones (clean file pages dropped, dirty ones written back first, anonymous
/// ones swapped out). Writes dirty file pages; a flusher writes old dirty pages back through the block device. Some
/// pages are pinned for a while (direct I/O, DMA), a few for seconds. Throughput is the number of page accesses done.
/// </summary>
public sealed record BackgroundSpec : WorkloadSpec
{
    /// <summary>CPUs that run one process each; empty means every CPU.</summary>
    [Limits(0, Bounds.MaxCpus - 1)]
    public IReadOnlyList<int> Cpus { get; init; } = [];

    /// <summary>Working set of each process, MiB.</summary>
    [Limits(1, Bounds.MaxMemoryMiB)]
    public int WorkingSetMiB { get; init; } = 280;

    /// <summary>Share of the working set that is anonymous memory; the rest is page cache.</summary>
    [Limits(0, 100)]
    public double AnonPercent { get; init; } = 45;

    /// <summary>Share of the working set each process touches in order at start, as fast as faults go (a warm machine).</summary>
    [Limits(0, 100)]
    public double PrefaultPercent { get; init; } = 100;

    /// <summary>Page accesses each process makes per second when it does not wait for I/O.</summary>
    [Limits(Bounds.MinPerSecond, Bounds.MaxPerSecond)]
    public double AccessesPerSecond { get; init; } = 20_000;

    /// <summary>Accesses handled per step of the process.</summary>
    [Limits(1, 1_000_000)]
    public int AccessesPerStep { get; init; } = 16;

    /// <summary>CPU time of one access, ns.</summary>
    [Limits(0, 1_000_000)]
    public long AccessNs { get; init; } = 2_000;

    /// <summary>Share of accesses that go to the hot part of the working set.</summary>
    [Limits(0, 100)]
    public double HotAccessPercent { get; init; } = 80;

    /// <summary>Size of the hot part, as a share of the working set.</summary>
    [Limits(0, 100, MinExclusive = true)]
    public double HotSetPercent { get; init; } = 20;

    /// <summary>Share of file-page accesses that write (dirty the page).</summary>
    [Limits(0, 100)]
    public double FileWritePercent { get; init; } = 10;

    /// <summary>The flusher runs this often, ms (dirty_writeback_centisecs).</summary>
    [Limits(1, Bounds.DayMs)]
    public double FlushIntervalMs { get; init; } = 500;

    /// <summary>Dirty pages older than this are written back, ms (dirty_expire_centisecs).</summary>
    [Limits(0, Bounds.DayMs)]
    public double DirtyExpireMs { get; init; } = 5_000;

    /// <summary>Pages per writeback request the flusher sends.</summary>
    [Limits(1, 4096)]
    public int FlushBatchPages { get; init; } = 64;

    /// <summary>Short-term pins started per second per process.</summary>
    [Limits(Bounds.MinPerSecond, Bounds.MaxPerSecond, OrZero = true, Note = "0 = no pins")]
    public double PinsPerSecond { get; init; } = 50;

    /// <summary>How long a short-term pin is held.</summary>
    public TimeRangeMs PinMs { get; init; } = new() { Min = 1, Max = 100 };

    /// <summary>Pages held pinned for seconds, per GiB of working set (gcma-brief: 1 page per 16 MiB = 64 per GiB).</summary>
    [Limits(0, 262_144)]
    public double LongPinsPerGiB { get; init; } = 64;

    /// <summary>How long a long pin is held.</summary>
    public TimeRangeMs LongPinMs { get; init; } = new() { Min = 1_000, Max = 10_000 };

    /// <summary>Long pins are FOLL_LONGTERM: the page is first migrated out of CMA (kernel 5.x+); false pins in place.</summary>
    public bool LongTermPinsLeaveCma { get; init; }
}
