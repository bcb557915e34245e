namespace CmaActors.Runtime;

/// <summary>
/// The dispatcher id every emulator actor's Props uses (<c>.WithDispatcher(EmulatorDispatcher.Id)</c>).
/// What it maps to is configuration only: in simulation mode, the <see cref="SimulationDispatcher"/>.
/// </summary>
public static class EmulatorDispatcher
{
    /// <summary>The configuration path of the emulator dispatcher.</summary>
    public const string Id = "cma-actors.emulator-dispatcher";
}
