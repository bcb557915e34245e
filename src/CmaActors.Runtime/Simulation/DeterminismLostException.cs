namespace CmaActors.Runtime;

/// <summary>
/// Thrown at the end of a driver run when work for emulator actors arrived from another thread during a run
/// (Ask, PipeTo, Task.Run, async handlers, or actors not on the emulator dispatcher): the run is no longer a pure
/// function of scenario and seed.
/// </summary>
public sealed class DeterminismLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeterminismLostException(long foreignDispatches)
        : base($"{foreignDispatches} dispatch(es) to emulator actors arrived from another thread during a simulated run; " +
               "determinism is lost (Ask, PipeTo, Task.Run, async handlers or actors off the emulator dispatcher?).")
    {
        ForeignDispatches = foreignDispatches;
    }

    /// <summary>How many dispatches arrived from another thread.</summary>
    public long ForeignDispatches { get; }
}
