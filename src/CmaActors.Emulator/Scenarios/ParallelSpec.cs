using CmaActors.Runtime;

namespace CmaActors.Emulator.Scenarios;

/// <summary>Settings of parallel mode (ignored in simulation).</summary>
public sealed record ParallelSpec
{
    /// <summary>What spending time from the cost model does: nothing, or busy-wait on the wall clock.</summary>
    public SpendMode Spend { get; init; } = SpendMode.None;

    /// <summary>0: Akka's default dispatcher on the .NET thread pool; N: a dedicated pool of N threads.</summary>
    public int Threads { get; init; }

    /// <summary>A report line every this many seconds: throughput, latency, mailbox depths, invariant checks.</summary>
    public double ReportEverySeconds { get; init; } = 60;

    /// <summary>How long a quiescence check waits for the mailboxes to drain before it checks anyway.</summary>
    public double DrainTimeoutSeconds { get; init; } = 30;
}
