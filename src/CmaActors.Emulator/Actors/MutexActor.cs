using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A sleeping lock (struct mutex) with FIFO waiters: cma_mutex / cma->alloc_mutex, pcpu_drain_mutex. Its statistics
/// are the lock's own: a lock request made while the mutex is held is a contention (its contending point is the
/// holder), the time until the grant is wait time, grant to unlock is hold time; the taking CPU is the requester's.
/// </summary>
public sealed class MutexActor : EmulatorActor
{
    private readonly string _name;
    private readonly string _function;
    private readonly LockStat _stat;
    private readonly Queue<Waiter> _waiters = new();
    private IActorRef? _owner;
    private CallSite _ownerSite;
    private long _grantedAt;

    /// <summary>
    /// Creates a mutex recording into <paramref name="stat"/>; <paramref name="function"/> is the kernel function that
    /// takes it (cma_alloc, __drain_all_pages), named in its contention points.
    /// </summary>
    public MutexActor(EmulatedMachine machine, string name, string function, LockStat stat) : base(machine)
    {
        _name = name;
        _function = function;
        _stat = stat;
        Receive<MutexLock>(_ => Lock(Sender));
        Receive<MutexUnlock>(_ => Unlock(Sender));
        Receive<MutexTryLock>(_ => TryLock(Sender));
    }

    /// <summary>mutex_trylock(): taken when free, else refused at once (no contention is recorded).</summary>
    private void TryLock(IActorRef requester)
    {
        if (_owner is null)
        {
            Grant(requester, new CallSite(_function, Machine.Placement.RoleOf(Runtime.IdOf(requester)).Cpu), 0, CallSite.Unknown);
            return;
        }

        requester.Tell(new MutexBusy(_name));
    }

    /// <summary>Props for a mutex.</summary>
    public static Props Props(EmulatedMachine machine, string name, string function, LockStat stat) =>
        FactoryProps.Of(() => new MutexActor(machine, name, function, stat));

    private void Lock(IActorRef requester)
    {
        var site = new CallSite(_function, Machine.Placement.RoleOf(Runtime.IdOf(requester)).Cpu);
        if (_owner is null)
        {
            Grant(requester, site, 0, CallSite.Unknown);
            return;
        }

        _waiters.Enqueue(new Waiter(requester, site, Now, _ownerSite, _stat.LastAcquirer));
    }

    private void Unlock(IActorRef holder)
    {
        if (!Equals(holder, _owner))
            throw new InvalidOperationException($"{_name}: unlock by {holder.Path.Name}, held by {_owner?.Path.Name ?? "nobody"}");
        _stat.Released(Now - _grantedAt);
        _owner = null;
        if (_waiters.TryDequeue(out var next))
            Grant(next.Requester, next.Site, Now - next.Since, next.HolderWhenQueued, next.LockWhenQueued);
    }

    /// <summary>lock_contended() (when <paramref name="waited"/> is positive) and lock_acquired().</summary>
    private void Grant(IActorRef requester, CallSite site, long waited, CallSite holder, LockAcquirer? atContention = null)
    {
        _owner = requester;
        _ownerSite = site;
        _grantedAt = Now;
        _stat.Acquired(site, waited, holder, Now, atContention: atContention);
        requester.Tell(new MutexGranted(_name));
    }

    /// <summary>A task sleeping on the mutex: who, where, since when, who held the mutex and lockdep's lock->cpu/ip when it queued.</summary>
    private readonly record struct Waiter(IActorRef Requester, CallSite Site, long Since, CallSite HolderWhenQueued, LockAcquirer LockWhenQueued);
}
