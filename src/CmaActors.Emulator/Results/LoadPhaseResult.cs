namespace CmaActors.Emulator.Results;

/// <summary>
/// One phase of a workload's load profile (or all of them, for the total) as a load-test tool reports it: requests,
/// requests per second over the time the phase was active, failures, and the latency of the successful requests from
/// their scheduled injection to their answer, in ms.
/// </summary>
public sealed record LoadPhaseResult
{
    /// <summary>Position in the profile; -1 for the total.</summary>
    public required int Index { get; init; }

    /// <summary>The phase, e.g. "inject(50 / 100 ms, 10 s)".</summary>
    public required string Phase { get; init; }

    /// <summary>Time the phase was active (over every repetition), s.</summary>
    public required double Seconds { get; init; }

    /// <summary>Requests injected.</summary>
    public required long Injected { get; init; }

    /// <summary>Completed successfully.</summary>
    public required long Ok { get; init; }

    /// <summary>Completed with a failure.</summary>
    public required long Failed { get; init; }

    /// <summary>Not completed when the run ended (waiting at the injector or in service).</summary>
    public required long Unfinished { get; init; }

    /// <summary>Completed requests (ok and failed) per second of the phase.</summary>
    public required double Rps { get; init; }

    /// <summary>Latency of the successful requests, ms.</summary>
    public required LatencyMsResult LatencyMs { get; init; }
}
