using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A sleeping lock (struct mutex) with FIFO waiters: cma_mutex / cma->alloc_mutex, pcpu_drain_mutex. Its statistics
/// are the lock's own: a lock request made while the mutex is held is a contention (its contending point is the
/// holder), the time until the grant is wait time, grant to unlock is hold time; the taking CPU is the requester's.
/// mutex_lock() on a free mutex is the fast path (one atomic, no wake-up); mutex_unlock() with a waiter hands the
/// mutex to it and wakes it (<c>MutexWakeupNs</c>): the waiter holds the mutex, and its hold starts, when it runs.
/// </summary>
public sealed class MutexActor : EmulatorActor, IWithTimers
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
        Receive<Waiter>(w => Grant(w.Requester, w.Site, Now - w.Since, w.HolderWhenQueued, w.LockWhenQueued));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

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
        if (!_waiters.TryDequeue(out var next))
            return;

        // __mutex_unlock_slowpath(): hand the mutex to the first waiter and wake it; it acquires once it runs.
        _owner = next.Requester;
        _ownerSite = next.Site;
        // Parallel mode: the dispatcher's own scheduling of the woken task is the wake-up (a timer would add its tick).
        var ticks = Machine.Scenario.Mode == RunMode.Parallel ? 0 : Machine.Costs.MutexWakeupNs / 100;
        if (ticks == 0)
            Grant(next.Requester, next.Site, Now - next.Since, next.HolderWhenQueued, next.LockWhenQueued);
        else
            Timers.StartSingleTimer("wake_up_q", next, TimeSpan.FromTicks(ticks));
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
