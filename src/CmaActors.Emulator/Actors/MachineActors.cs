using Akka.Actor;

namespace CmaActors.Emulator.Actors;

/// <summary>References to the machine's long-lived actors, handed to the actors that talk to them.</summary>
public sealed record MachineActors(
    IReadOnlyList<IActorRef> Zones,
    IReadOnlyList<IActorRef> Cpus,
    IActorRef DrainMutex,
    IActorRef? GlobalContigMutex,
    IActorRef Device,
    IActorRef Kswapd)
{
    /// <summary>The actor of each reserved area, in scenario order.</summary>
    public IReadOnlyList<IActorRef> Areas { get; set; } = [];

    /// <summary>The GCMA area that stores evicted pages (cleancache, frontswap), if the machine has one.</summary>
    public IActorRef? DiscardableStore { get; set; }

    /// <summary>The injectors of the workloads driven by a load profile, in workload order.</summary>
    public List<IActorRef> LoadInjectors { get; } = [];
}
