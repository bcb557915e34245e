using CmaActors.Emulator.Stats;

namespace CmaActors.Emulator.Load;

/// <summary>One phase of a workload's load profile as recorded (a copy, safe to read while the run goes on).</summary>
/// <param name="Index">Position in the profile.</param>
/// <param name="Phase">The phase, as reports name it.</param>
/// <param name="ActiveNs">How long it has been active (over every repetition), ns of load time.</param>
/// <param name="Injected">Requests it injected.</param>
/// <param name="Ok">Of those, completed successfully.</param>
/// <param name="Failed">Of those, completed with a failure.</param>
/// <param name="Latency">Latencies of the successful ones, ns.</param>
public sealed record LoadPhaseRecord(int Index, string Phase, long ActiveNs, long Injected, long Ok, long Failed, LatencyHistogram Latency)
{
    /// <summary>Injected but not completed (still queued at the injector or in service).</summary>
    public long Unfinished => Injected - Ok - Failed;
}
