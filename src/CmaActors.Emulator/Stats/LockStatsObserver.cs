using CmaActors.Emulator.Machine;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Lock statistics of lock-like actors from the delivery hooks: a handled message is an acquisition, a message that
/// arrived while its actor was busy is a contention, mailbox wait is wait time, handling time is hold time. In
/// parallel mode the hooks of different actors run at once; each actor's own deliveries never overlap, so only the
/// table of statistics is guarded.
/// </summary>
public sealed class LockStatsObserver(Placement placement) : IDeliveryObserver
{
    private readonly object _gate = new();
    private LockStat?[] _byActor = new LockStat?[64];
    private readonly List<LockStat> _all = [];

    /// <summary>Statistics per lock-like actor, in creation order.</summary>
    public IReadOnlyList<LockStat> Locks => _all;

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e) => StatOf(e.To)?.Acquired(e.StartNs - e.ArrivedAtNs);

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs) => StatOf(e.To)?.Released(endNs - e.StartNs);

    private LockStat? StatOf(ActorId id)
    {
        if (id.Value < 0)
            return null;
        var known = Volatile.Read(ref _byActor);
        if (id.Value < known.Length && Volatile.Read(ref known[id.Value]) is { } stat)
            return stat;
        var role = placement.RoleOf(id);
        if (role.LockClass is null || role.Kind == ActorRoleKind.Mutex)
            return null;
        lock (_gate)
        {
            var byActor = _byActor;
            if (id.Value >= byActor.Length)
                Array.Resize(ref byActor, Math.Max(byActor.Length * 2, id.Value + 1));
            if (byActor[id.Value] is { } existing)
                return existing;
            stat = new LockStat(role.LockClass, role.Name);
            byActor[id.Value] = stat;
            Volatile.Write(ref _byActor, byActor);
            _all.Add(stat);
            return stat;
        }
    }
}
