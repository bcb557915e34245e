using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// <c>ramping_constant(copies, during)</c>: the number of requests kept outstanding goes linearly from what the previous
/// phase kept (0 after a pause or an open phase) to <see cref="Copies"/>. Lowering it cancels nothing: new requests wait
/// until fewer than the target are outstanding.
/// </summary>
public sealed record RampingConstantPhase : LoadPhase
{
    /// <summary>Requests kept outstanding at the end of the phase.</summary>
    [Limits(0, 100_000)]
    public int Copies { get; init; } = 1;

    /// <inheritdoc />
    public override string Describe() => $"ramping_constant(→{Copies}, {Duration(DuringMs)})";
}
