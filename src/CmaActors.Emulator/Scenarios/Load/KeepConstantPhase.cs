using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary><c>keep_constant(copies, during)</c>: <see cref="Copies"/> requests outstanding at all times (a closed model).</summary>
public sealed record KeepConstantPhase : LoadPhase
{
    /// <summary>Requests kept outstanding.</summary>
    [Limits(0, 100_000)]
    public int Copies { get; init; } = 1;

    /// <inheritdoc />
    public override string Describe() => $"keep_constant({Copies}, {Duration(DuringMs)})";
}
