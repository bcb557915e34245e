using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A sleeping lock (struct mutex) with FIFO waiters: cma_mutex / cma->alloc_mutex, pcpu_drain_mutex. Its statistics
/// are the lock's own: a lock request made while the mutex is held is a contention, the time until the grant is
/// wait time, grant to unlock is hold time.
/// </summary>
public sealed class MutexActor : EmulatorActor
{
    private readonly string _name;
    private readonly LockStat _stat;
    private readonly Queue<(IActorRef Waiter, long Since)> _waiters = new();
    private IActorRef? _owner;
    private long _grantedAt;

    /// <summary>Creates a mutex recording into <paramref name="stat"/>.</summary>
    public MutexActor(EmulatedMachine machine, string name, LockStat stat) : base(machine)
    {
        _name = name;
        _stat = stat;
        Receive<MutexLock>(_ => Lock(Sender));
        Receive<MutexUnlock>(_ => Unlock(Sender));
    }

    /// <summary>Props for a mutex.</summary>
    public static Props Props(EmulatedMachine machine, string name, LockStat stat) =>
        FactoryProps.Of(() => new MutexActor(machine, name, stat));

    private void Lock(IActorRef requester)
    {
        if (_owner is null)
        {
            Grant(requester, 0);
            return;
        }

        _waiters.Enqueue((requester, Now));
    }

    private void Unlock(IActorRef holder)
    {
        if (!Equals(holder, _owner))
            throw new InvalidOperationException($"{_name}: unlock by {holder.Path.Name}, held by {_owner?.Path.Name ?? "nobody"}");
        _stat.Released(Now - _grantedAt);
        _owner = null;
        if (_waiters.TryDequeue(out var next))
            Grant(next.Waiter, Now - next.Since);
    }

    private void Grant(IActorRef requester, long waited)
    {
        _owner = requester;
        _grantedAt = Now;
        _stat.Acquired(waited);
        requester.Tell(new MutexGranted(_name));
    }
}
