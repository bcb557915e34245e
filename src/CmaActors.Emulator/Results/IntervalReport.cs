namespace CmaActors.Emulator.Results;

/// <summary>
/// One report line of a parallel run: what happened since the previous line — deliveries, load requests and their p99
/// latency, the deepest mailbox seen — and the invariant check made at its end, if one was due.
/// </summary>
public sealed record IntervalReport
{
    /// <summary>Run time at the end of the interval, s.</summary>
    public required double AtSeconds { get; init; }

    /// <summary>Length of the interval, s.</summary>
    public required double Seconds { get; init; }

    /// <summary>Messages delivered in the interval.</summary>
    public required long Deliveries { get; init; }

    /// <summary>Deliveries per second.</summary>
    public required double DeliveriesPerSecond { get; init; }

    /// <summary>True when some workload is driven by a load profile (the request figures mean something).</summary>
    public bool HasLoad { get; init; }

    /// <summary>Load requests completed successfully.</summary>
    public required long RequestsOk { get; init; }

    /// <summary>Load requests completed with a failure.</summary>
    public required long RequestsFailed { get; init; }

    /// <summary>Completed load requests per second.</summary>
    public required double RequestsPerSecond { get; init; }

    /// <summary>p99 latency of the successful requests of every workload, ms.</summary>
    public required double P99Ms { get; init; }

    /// <summary>cma_alloc() calls that returned in the interval, every driver and area.</summary>
    public long CmaAllocCalls { get; init; }

    /// <summary>Of those, the calls that failed.</summary>
    public long CmaAllocFailed { get; init; }

    /// <summary>cma_alloc() calls per second.</summary>
    public double CmaAllocPerSecond { get; init; }

    /// <summary>p99 latency of the successful cma_alloc() calls, ms.</summary>
    public double CmaAllocP99Ms { get; init; }

    /// <summary>The workload with the highest p99 in the interval (null without requests).</summary>
    public string? SlowestWorkload { get; init; }

    /// <summary>Its p99, ms.</summary>
    public required double SlowestP99Ms { get; init; }

    /// <summary>Most messages waiting in all mailboxes at once, of the samples taken (10 per second).</summary>
    public required long QueuedMax { get; init; }

    /// <summary>The deepest single mailbox seen.</summary>
    public string? DeepestMailbox { get; init; }

    /// <summary>Messages waiting in it then.</summary>
    public required int DeepestQueued { get; init; }

    /// <summary>Requests waiting at the load injectors at the end of the interval.</summary>
    public required int Backlog { get; init; }

    /// <summary>The check made at the end of the interval (null when none was due).</summary>
    public QuiescenceCheck? Check { get; init; }
}
