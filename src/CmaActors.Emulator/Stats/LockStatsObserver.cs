using CmaActors.Emulator.Machine;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Lock statistics of lock-like actors from the delivery hooks: a handled message is an acquisition, a message that
/// arrived while its actor was busy is a contention, mailbox wait is wait time, handling time is hold time.
/// </summary>
public sealed class LockStatsObserver(Placement placement) : IDeliveryObserver
{
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
        if (id.Value >= _byActor.Length)
            Array.Resize(ref _byActor, Math.Max(_byActor.Length * 2, id.Value + 1));
        if (_byActor[id.Value] is { } known)
            return known;
        var role = placement.RoleOf(id);
        if (role.LockClass is null || role.Kind == ActorRoleKind.Mutex)
            return null;
        var stat = new LockStat(role.LockClass, role.Name);
        _byActor[id.Value] = stat;
        _all.Add(stat);
        return stat;
    }
}
