using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// A device driver that calls cma_alloc() on an area, holds the range, then cma_release()s it: one request in flight
/// at a time, sizes taken in turn from <see cref="Sizes"/>. A request may be several chunks allocated in sequence
/// (a camera shot of 48 × 64 pages); its latency is the sum.
/// </summary>
public sealed record CmaDeviceSpec : WorkloadSpec
{
    /// <summary>The CMA area to allocate from; empty means the first area.</summary>
    public string? Area { get; init; }

    /// <summary>The CPU the driver runs on.</summary>
    [Limits(0, Bounds.MaxCpus - 1)]
    public int Cpu { get; init; }

    /// <summary>Request sizes in pages, used in turn.</summary>
    [Limits(1, 16_777_216)]
    public IReadOnlyList<int> Sizes { get; init; } = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    /// <summary>Requests of each size before the next size (a microbenchmark's repetitions); 0 cycles sizes for ever.</summary>
    [Limits(0, 1_000_000, Note = "0 = cycle the sizes for ever")]
    public int Repeat { get; init; }

    /// <summary>cma_alloc calls per request, made one after the other; the request's latency is their sum.</summary>
    [Limits(1, 4096)]
    public int Chunks { get; init; } = 1;

    /// <summary>Alignment order per request; -1 uses min(get_order(size), 8) like dma_alloc_from_contiguous().</summary>
    [Limits(-1, 18, Note = "-1 = automatic")]
    public int AlignOrder { get; init; } = -1;

    /// <summary>Delay before the first request, ms.</summary>
    [Limits(0, Bounds.DayMs)]
    public double StartDelayMs { get; init; } = 1_000;

    /// <summary>Pause after a release (or a failure) before the next request.</summary>
    public TimeRangeMs IntervalMs { get; init; } = new() { Min = 100, Max = 400, Distribution = Distribution.Uniform };

    /// <summary>How long an allocated range is held before release.</summary>
    public TimeRangeMs HoldMs { get; init; } = new() { Min = 50, Max = 500, Distribution = Distribution.Uniform };
}
