namespace CmaActors.Emulator.Scenarios;

/// <summary>How the emulator's actors are scheduled.</summary>
public enum RunMode
{
    /// <summary>Deterministic: a seeded driver runs one handler at a time in virtual time.</summary>
    Simulation,

    /// <summary>The same actors on Akka.NET's own dispatcher, on every core, in wall time.</summary>
    Parallel,
}
