using Akka.Actor;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// Sees the remote side of a <see cref="PcpLock"/>: the spin_lock() and spin_unlock() calls of a drainer on another
/// CPU, which take no message to the owning CPU. Times are read from the clock the actors use, under the lock's own
/// guard, so they are in the lock's order. Called from the drainer's handler (in parallel mode, from its thread).
/// </summary>
public interface IPcpLockObserver
{
    /// <summary>
    /// spin_lock() by <paramref name="drainer"/> at <paramref name="atNs"/>: it has the lock now, or, when
    /// <paramref name="heldByOwner"/>, it spins until the owning CPU lets go and a <see cref="PcpLockGranted"/> for this
    /// lock reaches it.
    /// </summary>
    void RemoteLocked(PcpLock pcpLock, IActorRef drainer, long atNs, bool heldByOwner);

    /// <summary>spin_unlock() by the remote drainer at <paramref name="atNs"/>.</summary>
    void RemoteUnlocked(PcpLock pcpLock, long atNs);
}
