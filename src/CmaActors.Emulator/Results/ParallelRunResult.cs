namespace CmaActors.Emulator.Results;

/// <summary>How a parallel run was hosted, what it sustained, and its report lines.</summary>
public sealed record ParallelRunResult
{
    /// <summary>Cores the process could use.</summary>
    public required int ProcessorCount { get; init; }

    /// <summary>Dispatcher threads: 0 for Akka's default dispatcher on the .NET thread pool.</summary>
    public required int Threads { get; init; }

    /// <summary>What spending cost-model time did: none or busy.</summary>
    public required string Spend { get; init; }

    /// <summary>Wall time of the run (load time plus the time checks held it), s.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Deliveries per wall second.</summary>
    public required double DeliveriesPerSecond { get; init; }

    /// <summary>Every invariant check at quiescence, the last one at the end of the run.</summary>
    public required IReadOnlyList<QuiescenceCheck> Checks { get; init; }

    /// <summary>The report lines.</summary>
    public required IReadOnlyList<IntervalReport> Intervals { get; init; }
}
