using Akka.Actor;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// pcp-&gt;lock of one CPU's lists for one zone (6.0+), shared between the owning CPU's actor and a remote drainer.
/// The owner takes it with pcp_spin_trylock() around its own work on the lists and, when the trylock fails, falls
/// back to zone-&gt;lock for the one page (rmqueue_buddy(), free_one_page()). A remote drainer (drain_pages_zone()
/// on the caller of drain_all_pages()) takes it with spin_lock(): at once when it is free, else it spins until the
/// owner lets go, and the owner hands it over (<see cref="PcpLockGranted"/>). Thread-safe: in parallel mode the two
/// sides run on different threads. For lock statistics it counts the owner's trylocks, taken and failed, and tells
/// its observers (<see cref="Observe"/>) of every remote lock and unlock with the time it happened, as these take no
/// message that a delivery observer could see; none of it changes what the lock does.
/// </summary>
/// <param name="cpu">The CPU whose lists it guards (-1: none given).</param>
/// <param name="zoneId">The zone of those lists.</param>
public sealed class PcpLock(int cpu = -1, int zoneId = 0)
{
    private readonly object _gate = new();
    private Holder _holder;
    private (IActorRef Waiter, object Grant)? _spinning;
    private long _remoteAcquisitions;
    private long _ownerTrylocks;
    private long _ownerTrylockFailures;
    private IClock? _clock;
    private IPcpLockObserver[] _observers = [];

    /// <summary>Who holds a pcp lock.</summary>
    public enum Holder
    {
        /// <summary>Nobody.</summary>
        None,

        /// <summary>The CPU that owns the lists.</summary>
        Owner,

        /// <summary>A drainer running on another CPU.</summary>
        Remote,
    }

    /// <summary>The CPU whose lists it guards.</summary>
    public int Cpu { get; } = cpu;

    /// <summary>The zone of those lists.</summary>
    public int ZoneId { get; } = zoneId;

    /// <summary>Who holds it now.</summary>
    public Holder HeldBy
    {
        get
        {
            lock (_gate)
                return _holder;
        }
    }

    /// <summary>pcp_spin_trylock() by the owning CPU: true when it took the lock or already held it.</summary>
    public bool TryLockOwner()
    {
        lock (_gate)
        {
            if (_holder == Holder.Remote)
            {
                _ownerTrylockFailures++;
                return false;
            }

            _ownerTrylocks++;
            _holder = Holder.Owner;
            return true;
        }
    }

    /// <summary>pcp_spin_trylock() calls by the owning CPU that took the lock (or found it already its own) so far.</summary>
    public long OwnerTrylocks => Volatile.Read(ref _ownerTrylocks);

    /// <summary>pcp_spin_trylock() calls by the owning CPU that failed (a remote drainer held the lock) so far.</summary>
    public long OwnerTrylockFailures => Volatile.Read(ref _ownerTrylockFailures);

    /// <summary>
    /// Adds <paramref name="observer"/> to those told of every remote lock and unlock from now on, stamped with
    /// <paramref name="clock"/> (the clock the actors use).
    /// </summary>
    public void Observe(IClock clock, IPcpLockObserver observer)
    {
        lock (_gate)
        {
            _clock = clock;
            _observers = [.. _observers, observer];
        }
    }

    /// <summary>
    /// pcp_spin_unlock() by the owning CPU. A remote drainer spinning on the lock gets it now: the returned pair is the
    /// drainer and the grant to send it (the caller sends it, so that the message leaves from the owner's actor).
    /// </summary>
    public (IActorRef Waiter, object Grant)? UnlockOwner()
    {
        lock (_gate)
        {
            if (_holder != Holder.Owner)
                return null;
            if (_spinning is { } next)
            {
                _spinning = null;
                _holder = Holder.Remote;
                return next;
            }

            _holder = Holder.None;
            return null;
        }
    }

    /// <summary>spin_lock() calls by remote drainers so far (each is one acquisition, at once or after spinning).</summary>
    public long RemoteAcquisitions
    {
        get
        {
            lock (_gate)
                return _remoteAcquisitions;
        }
    }

    /// <summary>
    /// spin_lock() by a remote drainer: true when it has the lock now; false when the owner holds it, in which case
    /// <paramref name="grant"/> is sent to <paramref name="waiter"/> once the owner lets go.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another drainer is already spinning (pcpu_drain_mutex excludes it).</exception>
    public bool LockRemote(IActorRef waiter, object grant)
    {
        bool taken;
        IPcpLockObserver[] observers;
        long atNs;
        lock (_gate)
        {
            _remoteAcquisitions++;
            if (_holder == Holder.Remote || (_holder == Holder.Owner && _spinning is not null))
                throw new InvalidOperationException("two remote drainers on one pcp lock: pcpu_drain_mutex should exclude that");
            taken = _holder == Holder.None;
            if (taken)
                _holder = Holder.Remote;
            else
                _spinning = (waiter, grant);
            observers = _observers;
            atNs = observers.Length == 0 ? 0 : _clock!.NowNs;
        }

        foreach (var observer in observers)
            observer.RemoteLocked(this, waiter, atNs, heldByOwner: !taken);
        return taken;
    }

    /// <summary>spin_unlock() by the remote drainer.</summary>
    public void UnlockRemote()
    {
        IPcpLockObserver[] observers;
        long atNs;
        lock (_gate)
        {
            if (_holder != Holder.Remote)
                throw new InvalidOperationException("the remote drainer does not hold this pcp lock");
            _holder = Holder.None;
            observers = _observers;
            atNs = observers.Length == 0 ? 0 : _clock!.NowNs;
        }

        foreach (var observer in observers)
            observer.RemoteUnlocked(this, atNs);
    }
}
