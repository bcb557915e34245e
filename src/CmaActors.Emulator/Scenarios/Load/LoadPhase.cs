using CmaActors.Emulator.Scenarios.Json;
using System.Text.Json.Serialization;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// One phase of a load profile, in NBomber's vocabulary; the JSON property "phase" names which. Open phases
/// (<c>inject</c>, <c>ramping_inject</c>) inject requests at a rate whatever the workload does with them; closed phases
/// (<c>keep_constant</c>, <c>ramping_constant</c>) keep a number of requests outstanding, a new one as soon as one
/// completes; <c>pause</c> injects nothing.
/// </summary>
[JsonKindName("load phase")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "phase", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(InjectPhase), "inject")]
[JsonDerivedType(typeof(RampingInjectPhase), "ramping_inject")]
[JsonDerivedType(typeof(KeepConstantPhase), "keep_constant")]
[JsonDerivedType(typeof(RampingConstantPhase), "ramping_constant")]
[JsonDerivedType(typeof(PausePhase), "pause")]
public abstract record LoadPhase
{
    /// <summary>How long the phase lasts, ms of run time (virtual in simulation, wall in parallel).</summary>
    [Limits(Bounds.MicrosecondMs, Bounds.DayMs)]
    public double DuringMs { get; init; } = 10_000;

    /// <summary>The phase as a load-test report names it.</summary>
    public abstract string Describe();

    /// <summary>Formats a duration in ms the way reports show it.</summary>
    protected static string Duration(double ms) => ms >= 1_000 ? $"{ms / 1_000:0.###} s" : $"{ms:0.###} ms";
}
