namespace CmaActors.Emulator.Running;

/// <summary>How to run a scenario: seed override, progress reporting and diagnostics.</summary>
public sealed record RunOptions
{
    /// <summary>Seed to use instead of the scenario's.</summary>
    public int? Seed { get; init; }

    /// <summary>Called as virtual time advances: (now, end) in ns.</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Virtual time between two progress calls (and two samples of the memory timeline), ns.</summary>
    public long ProgressSliceNs { get; init; } = 100_000_000;

    /// <summary>What the run records beyond counters and latencies.</summary>
    public DiagnosticsOptions Diagnostics { get; init; } = DiagnosticsOptions.Default;
}
