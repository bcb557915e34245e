using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CmaActors.Emulator.Results;

/// <summary>Everything a run produced, as written to results.json (schema <see cref="CurrentSchemaVersion"/>).</summary>
public sealed record RunResult
{
    /// <summary>
    /// Version of this layout; bumped on any incompatible change (docs/results-schema.md keeps the history). 2: pages
    /// dropped instead of migrated moved from pagesMigrated to pagesDiscarded. 3: locks carry worstWait and the kernel's
    /// contentionSites and contendingSites; con-bounces and acq-bounces follow lockdep (trylocks record no acquisition
    /// bounce); /proc snapshots add vmstat and zoneinfo.
    /// </summary>
    public const int CurrentSchemaVersion = 3;

    /// <summary>Layout version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Seed of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>SHA-256 of the effective scenario's canonical JSON, seed left out: equal for every seed of one design.</summary>
    public string ScenarioHash { get; init; } = "";

    /// <summary>The <c>--set PATH=VALUE</c> overrides applied to the scenario, in order.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The scenario actually run, every field written (overrides, seed and duration applied).</summary>
    public JsonObject? EffectiveScenario { get; init; }

    /// <summary>Scheduling strategy.</summary>
    public required string Strategy { get; init; }

    /// <summary>Run mode.</summary>
    public required string Mode { get; init; }

    /// <summary>The kernel profile the run played, with its mechanisms (null in results written before profiles).</summary>
    public KernelResult? Kernel { get; init; }

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

    /// <summary>The background load: work done and what got in its way (null without background processes).</summary>
    public BackgroundResult? Background { get; init; }

    /// <summary>Pages the anonymous churn and the kernel allocations got over the run (the background's work).</summary>
    public long WorkloadPages { get; init; }

    /// <summary>The block device.</summary>
    public required DeviceResult Device { get; init; }

    /// <summary>kswapd.</summary>
    public required ReclaimResult Reclaim { get; init; }

    /// <summary>Lock statistics, zone and CMA locks first.</summary>
    public required IReadOnlyList<LockResult> Locks { get; init; }

    /// <summary>Per-CPU page list activity.</summary>
    public required IReadOnlyList<CpuResult> Cpus { get; init; }

    /// <summary>Zones at the end of the run.</summary>
    public required IReadOnlyList<ZoneResult> Zones { get; init; }

    /// <summary>/proc/buddyinfo at the end of the run.</summary>
    public required string Buddyinfo { get; init; }

    /// <summary>Load-test report of the workloads driven by a load profile (absent when none is).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WorkloadLoadResult>? Load { get; init; }

    /// <summary>How a parallel run went (absent in simulation).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParallelRunResult? Parallel { get; init; }
    /// <summary>Mailbox wait of every actor (short-lived ones by group), longest total wait first.</summary>
    public IReadOnlyList<MailboxWaitResult> MailboxWait { get; init; } = [];

    /// <summary>Free pages and the pageblock map over time (null when not sampled).</summary>
    public TimelineResult? Timeline { get; init; }

    /// <summary>/proc/buddyinfo and /proc/pagetypeinfo at the start, periodically, and at the end.</summary>
    public IReadOnlyList<ProcSnapshot> Snapshots { get; init; } = [];
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

    /// <summary>cma, gcma or reservation.</summary>
    public required string Policy { get; init; }

    /// <summary>Mean share of the area's unallocated pages that held useful data (process pages, stored copies).</summary>
    public required double Utilisation { get; init; }

    /// <summary>What the area's pages held at the end of the run.</summary>
    public required AreaComposition Composition { get; init; }

    /// <summary>GCMA's store of discardable copies (null for other policies).</summary>
    public StoreResult? Store { get; init; }

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

    /// <summary>Latency of multi-call requests (a camera shot: all its chunks), by total pages.</summary>
    public required IReadOnlyList<SizeLatencyResult> RequestLatency { get; init; }
}

/// <summary>Latency of the cma_alloc calls of one size, in virtual milliseconds; the CDF is of the successful calls.</summary>
public sealed record SizeLatencyResult(int Pages, long Count, long Failures, double MinMs, double MeanMs, double P50Ms, double P90Ms,
    double P99Ms, double MaxMs, long BusyRetries)
{
    /// <summary>Cumulative distribution of the successful calls' latency: (latency ms, fraction of calls at most that).</summary>
    public IReadOnlyList<CdfPoint> Cdf { get; init; } = [];
}

/// <summary>One CPU's pcp activity.</summary>
public sealed record CpuResult(int Cpu, long PcpRefills, long PcpFlushes, long PcpDrains, long AllocFailures, int PcpPagesAtEnd)
{
    /// <summary>Pages allocated or freed through zone->lock because a remote drainer held this CPU's pcp lock.</summary>
    public long PcpTrylockFallbacks { get; init; }

    /// <summary>pcp->high of each zone's lists at the end of the run (auto-tuned in the 6.12 profile).</summary>
    public IReadOnlyList<int> PcpHighAtEnd { get; init; } = [];
}

/// <summary>The kernel profile of a run.</summary>
/// <param name="Name">Its name ("6.12").</param>
/// <param name="Description">Which kernel tree it follows.</param>
/// <param name="Mechanisms">Each mechanism, the kernel function it plays and the version that brought it.</param>
public sealed record KernelResult(string Name, string Description, IReadOnlyList<Kernel.KernelMechanism> Mechanisms);

/// <summary>One zone at the end of the run.</summary>
public sealed record ZoneResult(string Name, int StartPfn, int SpannedPages, long ManagedPages, long FreePages, long FreeCmaPages,
    long WatermarkMin, long WatermarkLow, long WatermarkHigh);

/// <summary>The rule broken, where, and what led to it.</summary>
public sealed record ViolationReport(int Seed, long Step, long VirtualTimeNs, string Rule, int Pfn, string Detail, IReadOnlyList<string> LastEvents);

/// <summary>What the background processes did; throughput is page accesses per virtual second.</summary>
public sealed record BackgroundResult(long Accesses, double AccessesPerSecond, long Faults, long MajorFaults, long StoreHits,
    long StalledSteps, long FileDrops, long SwapOuts, long PagesWrittenBack, long Migrated, long DroppedForCma);

/// <summary>What the block device did; utilisation is busy time over virtual time.</summary>
public sealed record DeviceResult(string Name, long Reads, long Writes, long PagesRead, long PagesWritten, long BusyNs, double Utilisation);

/// <summary>What kswapd did.</summary>
public sealed record ReclaimResult(long Wakeups, long Rounds, long PagesReclaimed);

/// <summary>GCMA's store: puts that found room, gets that hit or missed, entries evicted or discarded, entries at the end.</summary>
public sealed record StoreResult(long Stores, long Hits, long Misses, long Evictions, long Discards, int Entries);
