namespace CmaActors.Emulator.Results;

/// <summary>The load-test report of one workload driven by a load profile: each phase, then the whole profile.</summary>
public sealed record WorkloadLoadResult(string Workload, IReadOnlyList<LoadPhaseResult> Phases, LoadPhaseResult Total);
