using CmaActors.Runtime;

namespace CmaActors.Emulator.Machine;

/// <summary>The role of every emulator actor, indexed by <see cref="ActorId"/> (creation order).</summary>
public sealed class Placement
{
    private readonly object _gate = new();
    private ActorRole[] _roles = new ActorRole[64];

    /// <summary>Records the role of an actor.</summary>
    public void Register(ActorId id, ActorRole role)
    {
        lock (_gate)
        {
            if (id.Value >= _roles.Length)
                Array.Resize(ref _roles, Math.Max(_roles.Length * 2, id.Value + 1));
            _roles[id.Value] = role;
        }
    }

    /// <summary>The role of an actor; <see cref="ActorRoleKind.Other"/> when unknown.</summary>
    public ActorRole RoleOf(ActorId id)
    {
        var roles = _roles;
        return id.Value >= 0 && id.Value < roles.Length && roles[id.Value].Name is not null
            ? roles[id.Value]
            : new ActorRole(ActorRoleKind.Other, -1, null, "");
    }
}
