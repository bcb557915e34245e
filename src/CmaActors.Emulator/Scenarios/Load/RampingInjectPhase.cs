using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// <c>ramping_inject(rate, interval, during)</c>: every interval a portion of requests whose size goes linearly from
/// the rate the previous phase ended with (0 after a pause or a closed phase) to <see cref="Rate"/>, reached by the
/// last portion of the phase.
/// </summary>
public sealed record RampingInjectPhase : LoadPhase
{
    /// <summary>Requests per interval at the end of the phase.</summary>
    [Limits(0, 100_000)]
    public int Rate { get; init; } = 10;

    /// <summary>Time between two injections, ms.</summary>
    [Limits(Bounds.MicrosecondMs, Bounds.DayMs)]
    public double IntervalMs { get; init; } = 1_000;

    /// <inheritdoc />
    public override string Describe() => $"ramping_inject(→{Rate} / {Duration(IntervalMs)}, {Duration(DuringMs)})";
}
