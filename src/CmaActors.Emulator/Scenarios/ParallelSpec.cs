using CmaActors.Emulator.Scenarios.Json;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Scenarios;

/// <summary>Settings of parallel mode (ignored in simulation).</summary>
public sealed record ParallelSpec
{
    /// <summary>What spending time from the cost model does: nothing, or busy-wait on the wall clock.</summary>
    public SpendMode Spend { get; init; } = SpendMode.None;

    /// <summary>0: Akka's default dispatcher on the .NET thread pool; N: a dedicated pool of N threads.</summary>
    [Limits(0, 1024, Note = "0 = the .NET thread pool")]
    public int Threads { get; init; }

    /// <summary>A report line every this many seconds: throughput, latency, mailbox depths, invariant checks.</summary>
    [Limits(0, Bounds.DaySeconds, MinExclusive = true)]
    public double ReportEverySeconds { get; init; } = 60;

    /// <summary>How long a quiescence check waits for the mailboxes to drain before it checks anyway.</summary>
    [Limits(0, 3_600, MinExclusive = true)]
    public double DrainTimeoutSeconds { get; init; } = 30;
}
