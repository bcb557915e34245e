namespace CmaActors.Emulator.Results;

/// <summary>Everything a run produced, as written to results.json (schema <see cref="CurrentSchemaVersion"/>).</summary>
public sealed record RunResult
{
    /// <summary>Version of this layout; bumped on any incompatible change.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Layout version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Seed of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>Scheduling strategy.</summary>
    public required string Strategy { get; init; }

    /// <summary>Run mode.</summary>
    public required string Mode { get; init; }

    /// <summary>Virtual time reached, ns.</summary>
    public required long VirtualTimeNs { get; init; }

    /// <summary>Messages delivered.</summary>
    public required long Deliveries { get; init; }

    /// <summary>Invariant checks run (per delivery and full walks).</summary>
    public required long InvariantChecks { get; init; }

    /// <summary>Full invariant walks among them.</summary>
    public required long FullInvariantChecks { get; init; }

    /// <summary>The invariant violation that stopped the run, if any.</summary>
    public ViolationReport? Violation { get; init; }

    /// <summary>The machine's size.</summary>
    public required MachineSummary Machine { get; init; }

    /// <summary>CMA areas, their counters and latencies.</summary>
    public required CmaResults Cma { get; init; }

    /// <summary>Lock statistics, zone and CMA locks first.</summary>
    public required IReadOnlyList<LockResult> Locks { get; init; }

    /// <summary>Per-CPU page list activity.</summary>
    public required IReadOnlyList<CpuResult> Cpus { get; init; }

    /// <summary>Zones at the end of the run.</summary>
    public required IReadOnlyList<ZoneResult> Zones { get; init; }

    /// <summary>/proc/buddyinfo at the end of the run.</summary>
    public required string Buddyinfo { get; init; }
}

/// <summary>Size of the emulated machine.</summary>
public sealed record MachineSummary(int Cpus, int PageFrames, int PageblockOrder, int MaxPageOrder, double BytesPerFrame);

/// <summary>The CMA side of a run.</summary>
public sealed record CmaResults(IReadOnlyList<CmaAreaResult> Areas);

/// <summary>One CMA area: debugfs fields, sysfs counters, what the emulator adds, and latencies by size.</summary>
public sealed record CmaAreaResult
{
    /// <summary>Area name.</summary>
    public required string Name { get; init; }

    /// <summary>debugfs base_pfn.</summary>
    public required int BasePfn { get; init; }

    /// <summary>debugfs count: pages in the area.</summary>
    public required int Count { get; init; }

    /// <summary>debugfs order_per_bit.</summary>
    public required int OrderPerBit { get; init; }

    /// <summary>debugfs used: pages whose bits are set at the end.</summary>
    public required long Used { get; init; }

    /// <summary>debugfs maxchunk: largest free run at the end, pages.</summary>
    public required long Maxchunk { get; init; }

    /// <summary>sysfs and emulator counters.</summary>
    public required CmaCountersResult Counters { get; init; }

    /// <summary>cma_alloc latency per request size.</summary>
    public required IReadOnlyList<SizeLatencyResult> LatencyBySize { get; init; }
}

/// <summary>Latency of the cma_alloc calls of one size, in virtual milliseconds.</summary>
public sealed record SizeLatencyResult(int Pages, long Count, long Failures, double MinMs, double MeanMs, double P50Ms, double P90Ms,
    double P99Ms, double MaxMs, long BusyRetries);

/// <summary>One lock in lock_stat terms; times in virtual ns.</summary>
public sealed record LockResult(string Class, string Instance, long Acquisitions, long Contentions, long WaitTimeMinNs, long WaitTimeMaxNs,
    long WaitTimeTotalNs, long HoldTimeMinNs, long HoldTimeMaxNs, long HoldTimeTotalNs);

/// <summary>One CPU's pcp activity.</summary>
public sealed record CpuResult(int Cpu, long PcpRefills, long PcpFlushes, long PcpDrains, long AllocFailures, int PcpPagesAtEnd);

/// <summary>One zone at the end of the run.</summary>
public sealed record ZoneResult(string Name, int StartPfn, int SpannedPages, long ManagedPages, long FreePages, long FreeCmaPages,
    long WatermarkMin, long WatermarkLow, long WatermarkHigh);

/// <summary>The rule broken, where, and what led to it.</summary>
public sealed record ViolationReport(int Seed, long Step, long VirtualTimeNs, string Rule, int Pfn, string Detail, IReadOnlyList<string> LastEvents);
