namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// How requests are injected into a workload, in phases run one after the other (the same profile drives both modes:
/// virtual time in simulation, wall time in parallel). Without a profile a workload paces itself with its own timers.
/// </summary>
public sealed record LoadProfileSpec
{
    /// <summary>The phases, in order.</summary>
    public IReadOnlyList<LoadPhase> Phases { get; init; } = [];

    /// <summary>Start again with the first phase after the last one (for runs longer than the profile).</summary>
    public bool Repeat { get; init; }
}
