namespace CmaActors.Emulator.Results;

/// <summary>One scenario under every area policy, same seed: the runs and their side-by-side summary.</summary>
public sealed record ComparisonResult
{
    /// <summary>Layout version (shared with <see cref="RunResult"/>).</summary>
    public int SchemaVersion { get; init; } = RunResult.CurrentSchemaVersion;

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Seed of every run.</summary>
    public required int Seed { get; init; }

    /// <summary>The summary row of each policy, in run order.</summary>
    public required IReadOnlyList<PolicySummary> Policies { get; init; }

    /// <summary>The background load alone (no contiguous allocations), when the scenario has one.</summary>
    public RunResult? Baseline { get; init; }

    /// <summary>The full result of each policy's run, by policy name.</summary>
    public required IReadOnlyDictionary<string, RunResult> Runs { get; init; }
}

/// <summary>
/// One policy in a comparison: failures, background throughput and its cost against the baseline (the elapsed-time
/// increase of the same work: baseline throughput / this throughput − 1), and how much of the area held useful data.
/// </summary>
public sealed record PolicySummary(string Policy, long Calls, long Failures, double? BackgroundAccessesPerSecond,
    double? BackgroundCostPercent, double AreaUtilisationPercent, double DeviceUtilisationPercent, bool InvariantsHeld);
