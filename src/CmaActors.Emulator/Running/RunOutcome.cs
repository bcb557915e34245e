using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Emulator.Running;

/// <summary>A finished run: its result and the machine as it ended, for further inspection.</summary>
public sealed record RunOutcome(RunResult Result, EmulatedMachine Machine)
{
    /// <summary>True when no invariant was broken.</summary>
    public bool Clean => Result.Violation is null;

    /// <summary>The trace window, when a trace was recorded.</summary>
    public TraceRecording? Trace { get; init; }
}
