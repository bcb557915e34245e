using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Running;

/// <summary>A finished run: its result and the machine as it ended, for further inspection.</summary>
public sealed record RunOutcome(RunResult Result, EmulatedMachine Machine)
{
    /// <summary>True when no invariant was broken.</summary>
    public bool Clean => Result.Violation is null;
}
