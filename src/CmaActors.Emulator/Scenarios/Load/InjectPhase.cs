namespace CmaActors.Emulator.Scenarios;

/// <summary><c>inject(rate, interval, during)</c>: at the start of every interval, <see cref="Rate"/> requests at once.</summary>
public sealed record InjectPhase : LoadPhase
{
    /// <summary>Requests injected per interval.</summary>
    public int Rate { get; init; } = 10;

    /// <summary>Time between two injections, ms.</summary>
    public double IntervalMs { get; init; } = 1_000;

    /// <inheritdoc />
    public override string Describe() => $"inject({Rate} / {Duration(IntervalMs)}, {Duration(DuringMs)})";
}
