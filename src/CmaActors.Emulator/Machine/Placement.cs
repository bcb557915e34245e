using CmaActors.Runtime;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// The role of every emulator actor, indexed by <see cref="ActorId"/> (creation order). Roles are registered while other
/// actors read them (parallel mode): each entry is an immutable object and the table is replaced when it grows, so a
/// reader sees a role whole or not at all.
/// </summary>
public sealed class Placement
{
    private static readonly ActorRole Unknown = new(ActorRoleKind.Other, -1, null, "");
    private readonly object _gate = new();
    private RoleEntry?[] _roles = new RoleEntry?[64];

    /// <summary>Records the role of an actor.</summary>
    public void Register(ActorId id, ActorRole role)
    {
        lock (_gate)
        {
            var roles = _roles;
            if (id.Value >= roles.Length)
            {
                Array.Resize(ref roles, Math.Max(roles.Length * 2, id.Value + 1));
                roles[id.Value] = new RoleEntry(role);
                Volatile.Write(ref _roles, roles);
                return;
            }

            Volatile.Write(ref roles[id.Value], new RoleEntry(role));
        }
    }

    /// <summary>
    /// Records the role of <paramref name="actor"/> and, for what runs on a CPU (that CPU's pcp work, a process, a
    /// driver, a cma_alloc call, kswapd), places it on that CPU's core, so that one CPU runs one of them at a time.
    /// Locks and devices are placed nowhere: a lock's hold runs on the CPU of whoever takes it.
    /// </summary>
    public void Place(EmulatorRuntime runtime, Akka.Actor.IActorRef actor, ActorRole role)
    {
        var id = runtime.IdOf(actor);
        Register(id, role);
        if (role.Kind is ActorRoleKind.Cpu or ActorRoleKind.Task && role.Cpu >= 0)
            runtime.Cores.Place(id, role.Cpu);
    }

    /// <summary>The role of an actor; <see cref="ActorRoleKind.Other"/> when unknown.</summary>
    public ActorRole RoleOf(ActorId id)
    {
        var roles = Volatile.Read(ref _roles);
        return id.Value >= 0 && id.Value < roles.Length && Volatile.Read(ref roles[id.Value]) is { } entry ? entry.Role : Unknown;
    }

    private sealed record RoleEntry(ActorRole Role);
}
