using Akka.Actor;

namespace CmaActors.Emulator.Actors;

// pcp->lock: pcp_spin_trylock() and pcp_spin_unlock() by this CPU, the lock handed to a spinning remote drainer on
// release. A failed trylock falls back to zone->lock: rmqueue_buddy() in the allocation path, free_one_page() in
// the free path.
public sealed partial class CpuActor
{
    // ---- pcp->lock: pcp_spin_trylock() by this CPU, handed to a spinning remote drainer on release ----

    /// <summary>pcp_spin_trylock() on this CPU's lists for a zone; always succeeds in profiles without the 6.0 lock.</summary>
    private bool TryPcpLock(int zoneId) => !Machine.Kernel.PcpTrylockFallback || _cpu.PcpLocks[zoneId].TryLockOwner();

    /// <summary>pcp_spin_unlock() of every pcp lock this CPU holds; a drainer spinning on one gets it.</summary>
    private void ReleasePcpLocks()
    {
        if (!Machine.Kernel.PcpTrylockFallback)
            return;
        foreach (var pcpLock in _cpu.PcpLocks)
            if (pcpLock.UnlockOwner() is { } handoff)
                handoff.Waiter.Tell(handoff.Grant, Self);
    }

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        if (!_waiting)
            ReleasePcpLocks();
        return handled;
    }
}
