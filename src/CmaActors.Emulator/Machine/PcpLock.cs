using Akka.Actor;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// pcp-&gt;lock of one CPU's lists for one zone (6.0+), shared between the owning CPU's actor and a remote drainer.
/// The owner takes it with pcp_spin_trylock() around its own work on the lists and, when the trylock fails, falls
/// back to zone-&gt;lock for the one page (rmqueue_buddy(), free_one_page()). A remote drainer (drain_pages_zone()
/// on the caller of drain_all_pages()) takes it with spin_lock(): at once when it is free, else it spins until the
/// owner lets go, and the owner hands it over (<see cref="PcpLockGranted"/>). Thread-safe: in parallel mode the two
/// sides run on different threads.
/// </summary>
public sealed class PcpLock
{
    private readonly object _gate = new();
    private Holder _holder;
    private (IActorRef Waiter, object Grant)? _spinning;
    private long _remoteAcquisitions;

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
                return false;
            _holder = Holder.Owner;
            return true;
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
        lock (_gate)
        {
            _remoteAcquisitions++;
            if (_holder == Holder.None)
            {
                _holder = Holder.Remote;
                return true;
            }

            if (_holder == Holder.Remote || _spinning is not null)
                throw new InvalidOperationException("two remote drainers on one pcp lock: pcpu_drain_mutex should exclude that");
            _spinning = (waiter, grant);
            return false;
        }
    }

    /// <summary>spin_unlock() by the remote drainer.</summary>
    public void UnlockRemote()
    {
        lock (_gate)
        {
            if (_holder != Holder.Remote)
                throw new InvalidOperationException("the remote drainer does not hold this pcp lock");
            _holder = Holder.None;
        }
    }
}
