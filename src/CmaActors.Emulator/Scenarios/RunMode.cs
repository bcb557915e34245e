namespace CmaActors.Emulator.Scenarios;

/// <summary>How the emulator's actors are scheduled.</summary>
public enum RunMode
{
    /// <summary>Deterministic: a seeded driver runs one handler at a time in virtual time.</summary>
    Simulation,
}
