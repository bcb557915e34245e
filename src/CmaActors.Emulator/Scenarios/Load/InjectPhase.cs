using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary><c>inject(rate, interval, during)</c>: at the start of every interval, <see cref="Rate"/> requests at once.</summary>
public sealed record InjectPhase : LoadPhase
{
    /// <summary>Requests injected per interval.</summary>
    [Limits(0, 100_000)]
    public int Rate { get; init; } = 10;

    /// <summary>Time between two injections, ms.</summary>
    [Limits(Bounds.MicrosecondMs, Bounds.DayMs)]
    public double IntervalMs { get; init; } = 1_000;

    /// <inheritdoc />
    public override string Describe() => $"inject({Rate} / {Duration(IntervalMs)}, {Duration(DuringMs)})";
}
