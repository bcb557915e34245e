namespace CmaActors.Emulator.Machine;

/// <summary>What an emulator actor plays, which decides message latencies and lock statistics.</summary>
public enum ActorRoleKind
{
    /// <summary>Not placed (the machine actor, test probes).</summary>
    Other,

    /// <summary>A CPU: its pcp lists (pcp->lock).</summary>
    Cpu,

    /// <summary>A zone: one handled message = zone->lock held.</summary>
    Zone,

    /// <summary>A CMA area: one handled message = cma->lock held.</summary>
    CmaArea,

    /// <summary>A sleeping lock.</summary>
    Mutex,

    /// <summary>Something that runs on a CPU: a process, a driver, a cma_alloc call.</summary>
    Task,

    /// <summary>A block device queue.</summary>
    Device,
}

/// <summary>
/// An actor's role, the CPU it runs on (-1 for locks), the lock class it plays, if any, and the group it is reported
/// under when there are many short-lived actors of one kind (the cma_alloc calls of an area), if any.
/// </summary>
public readonly record struct ActorRole(ActorRoleKind Kind, int Cpu, string? LockClass, string Name, string? Group = null)
{
    /// <summary>Lock-like actors are played by whichever CPU takes them.</summary>
    public bool IsLock => Kind is ActorRoleKind.Zone or ActorRoleKind.CmaArea or ActorRoleKind.Mutex;
}
