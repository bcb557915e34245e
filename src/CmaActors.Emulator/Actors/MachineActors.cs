using Akka.Actor;

namespace CmaActors.Emulator.Actors;

/// <summary>References to the machine's long-lived actors, handed to the actors that talk to them.</summary>
public sealed record MachineActors(
    IReadOnlyList<IActorRef> Zones,
    IReadOnlyList<IActorRef> Cpus,
    IActorRef DrainMutex,
    IActorRef? GlobalContigMutex);
