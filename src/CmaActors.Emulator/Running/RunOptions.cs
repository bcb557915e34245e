using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Running;

/// <summary>How to run a scenario: what to override in it, how to report progress, and what to record.</summary>
public sealed record RunOptions
{
    /// <summary>Seed to use instead of the scenario's.</summary>
    public int? Seed { get; init; }

    /// <summary>Run mode to use instead of the scenario's.</summary>
    public RunMode? Mode { get; init; }

    /// <summary>Run time to use instead of the scenario's, s.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Parallel mode: what spending cost-model time does, instead of the scenario's.</summary>
    public SpendMode? Spend { get; init; }

    /// <summary>Parallel mode: dispatcher threads (0 = the .NET thread pool), instead of the scenario's.</summary>
    public int? Threads { get; init; }

    /// <summary>Walk every invariant every this many seconds of run time, instead of the scenario's setting.</summary>
    public double? CheckEverySeconds { get; init; }

    /// <summary>Parallel mode: a report line every this many seconds, instead of the scenario's setting.</summary>
    public double? ReportEverySeconds { get; init; }

    /// <summary>Called as run time advances: (now, end) in ns.</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Parallel mode: called with each report line.</summary>
    public Action<IntervalReport>? Interval { get; init; }

    /// <summary>Virtual time between two progress calls (and two samples of the memory timeline), ns.</summary>
    public long ProgressSliceNs { get; init; } = 100_000_000;

    /// <summary>The scenario with these options' overrides applied.</summary>
    public Scenario Apply(Scenario scenario) => scenario with
    {
        Seed = Seed ?? scenario.Seed,
        Mode = Mode ?? scenario.Mode,
        DurationSeconds = DurationSeconds ?? scenario.DurationSeconds,
        Parallel = scenario.Parallel with
        {
            Spend = Spend ?? scenario.Parallel.Spend,
            Threads = Threads ?? scenario.Parallel.Threads,
            ReportEverySeconds = ReportEverySeconds ?? scenario.Parallel.ReportEverySeconds,
        },
        Invariants = scenario.Invariants with { CheckEverySeconds = CheckEverySeconds ?? scenario.Invariants.CheckEverySeconds },
    };
    /// <summary>What the run records beyond counters and latencies.</summary>
    public DiagnosticsOptions Diagnostics { get; init; } = DiagnosticsOptions.Default;
}
