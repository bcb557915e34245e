namespace CmaActors.Emulator.Scenarios;

/// <summary><c>pause(during)</c>: no request is injected; those outstanding go on.</summary>
public sealed record PausePhase : LoadPhase
{
    /// <inheritdoc />
    public override string Describe() => $"pause({Duration(DuringMs)})";
}
