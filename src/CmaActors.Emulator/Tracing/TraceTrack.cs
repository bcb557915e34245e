namespace CmaActors.Emulator.Tracing;

/// <summary>The process a track is grouped under in the trace viewer, by what the actor plays.</summary>
public enum TraceProcess
{
    /// <summary>Zones: zone->lock.</summary>
    Zones = 1,

    /// <summary>CMA and other reserved areas: cma->lock.</summary>
    Areas = 2,

    /// <summary>Sleeping locks.</summary>
    Mutexes = 3,

    /// <summary>CPUs and their pcp lists.</summary>
    Cpus = 4,

    /// <summary>Processes, drivers, kswapd, cma_alloc calls.</summary>
    Tasks = 5,

    /// <summary>Block devices and anything else.</summary>
    Other = 6,
}

/// <summary>One actor's track: its id, the name shown, and the process it is grouped under.</summary>
/// <param name="ActorId">Emulator actor id (creation order).</param>
/// <param name="Name">Actor path under the machine, with the CPU for tasks ("camera (cpu0)").</param>
/// <param name="Process">Group.</param>
public sealed record TraceTrack(int ActorId, string Name, TraceProcess Process);
