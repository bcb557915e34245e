using CmaActors.Emulator.Machine;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Lock statistics of lock-like actors (zones, CMA areas, CPUs' pcp lists) from the delivery hooks: a handled
/// message is an acquisition by the sender's CPU, a message that arrived while its actor was busy is a contention,
/// mailbox wait is wait time, handling time is hold time. The contending point of a wait is the handler that held the
/// actor when the message arrived. A CPU's own work queued behind its current handler is not a contention of its
/// &amp;pcp->lock (the CPU is busy, the lock is not contended; that wait shows as mailbox wait): only another CPU's
/// request, a remote drain, contends it. Likewise a request from the CPU that holds the lock when it arrives is not a
/// contention: a spinlock's holder runs with preemption off, so no other task of its CPU can reach the lock until it is
/// released (a one-CPU machine has no spinlock contention). The pcp fast paths (rmqueue_pcplist, free_unref_page) take &amp;pcp->lock with
/// pcp_spin_trylock, which lockdep does not follow with lock_acquired() (<see cref="KernelFunctions.IsTrylock(object)"/>).
/// Mutexes record their own statistics (<see cref="Actors.MutexActor"/>). In parallel
/// mode the hooks of different actors run at once; each actor's own deliveries never overlap, so only the table of
/// lock actors is guarded.
/// </summary>
public sealed class LockStatsObserver(Placement placement) : IDeliveryObserver
{
    private const int HoldRingSize = 64;
    private static readonly LockActor NotALock = new(new LockStat("", ""), -1);
    private readonly object _gate = new();
    private LockActor?[] _byActor = new LockActor?[64];
    private readonly List<LockStat> _all = [];

    /// <summary>Statistics per lock-like actor, in creation order.</summary>
    public IReadOnlyList<LockStat> Locks => _all;

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        if (LockOf(e.To) is not { } actor)
            return;
        var cpu = placement.RoleOf(e.From).Cpu;
        if (cpu < 0)
            cpu = actor.OwnCpu;
        // Only the time spent behind the lock's own holds is lock wait: a CPU's pcp lists are placed on that CPU, so a
        // message to them may also wait for the CPU to finish another task's work, which is scheduling, not contention.
        var wait = actor.OwnCpu < 0 ? e.StartNs - e.ArrivedAtNs : actor.HeldBetween(e.ArrivedAtNs, e.StartNs);
        var function = KernelFunctions.For(e.Message);
        var trylock = KernelFunctions.IsTrylock(e.Message);
        var holder = wait > 0 ? actor.HolderAt(e.ArrivedAtNs) : CallSite.Unknown;
        if (wait > 0 && (actor.OwnCpu < 0 || cpu != actor.OwnCpu) && (cpu < 0 || holder.Cpu != cpu))
            actor.Stat.Acquired(new CallSite(function, cpu), wait, holder, e.StartNs, trylock, actor.LastAcquirerAt(e.ArrivedAtNs));
        else
            actor.Stat.Acquired(cpu, trylock, function);
        actor.Push(e.StartNs, e.Message.GetType(), cpu, actor.Stat.LastAcquirer);
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
        if (LockOf(e.To) is not { } actor)
            return;
        actor.Stat.Released(endNs - e.StartNs);
        actor.EndLatest(endNs);
    }

    private LockActor? LockOf(ActorId id)
    {
        var index = id.Value;
        if (index < 0)
            return null;
        var known = Volatile.Read(ref _byActor);
        if (index < known.Length && Volatile.Read(ref known[index]) is { } found)
            return ReferenceEquals(found, NotALock) ? null : found;
        var role = placement.RoleOf(id);
        if (role.Kind == ActorRoleKind.Other)
            return null; // not registered yet: ask again next time
        if (role.LockClass is null || role.Kind == ActorRoleKind.Mutex)
            return Register(index, NotALock);
        return Register(index, new LockActor(new LockStat(role.LockClass, role.Name), role.Cpu));
    }

    private LockActor? Register(int index, LockActor actor)
    {
        lock (_gate)
        {
            var byActor = _byActor;
            if (index >= byActor.Length)
                Array.Resize(ref byActor, Math.Max(byActor.Length * 2, index + 1));
            if (byActor[index] is { } existing)
                return ReferenceEquals(existing, NotALock) ? null : existing;
            byActor[index] = actor;
            Volatile.Write(ref _byActor, byActor);
            if (ReferenceEquals(actor, NotALock))
                return null;
            _all.Add(actor.Stat);
            return actor;
        }
    }

    /// <summary>A lock-like actor: its statistics and its last holds, to find who held it when a waiter arrived.</summary>
    private sealed class LockActor(LockStat stat, int ownCpu)
    {
        private readonly Hold[] _ring = new Hold[HoldRingSize];
        private long _count;

        public LockStat Stat { get; } = stat;

        /// <summary>The actor's own CPU (a CPU's pcp lists), used when the sender runs on none.</summary>
        public int OwnCpu { get; } = ownCpu;

        public void Push(long startNs, Type message, int cpu, LockAcquirer after) =>
            _ring[_count++ % HoldRingSize] = new Hold(startNs, long.MaxValue, message, cpu, after);

        /// <summary>lock->cpu and lock->ip at <paramref name="atNs"/>: as the last hold that began by then left them.</summary>
        public LockAcquirer? LastAcquirerAt(long atNs)
        {
            var oldest = Math.Max(0, _count - HoldRingSize);
            for (var i = _count - 1; i >= oldest; i--)
            {
                ref var hold = ref _ring[i % HoldRingSize];
                if (hold.StartNs <= atNs)
                    return hold.After;
            }

            return null;
        }

        public void EndLatest(long endNs) => _ring[(_count - 1) % HoldRingSize].EndNs = endNs;

        /// <summary>How long the kept holds covered [<paramref name="fromNs"/>, <paramref name="toNs"/>).</summary>
        public long HeldBetween(long fromNs, long toNs)
        {
            long held = 0;
            var oldest = Math.Max(0, _count - HoldRingSize);
            for (var i = _count - 1; i >= oldest; i--)
            {
                ref var hold = ref _ring[i % HoldRingSize];
                if (hold.EndNs <= fromNs)
                    break;
                held += Math.Max(0, Math.Min(hold.EndNs, toNs) - Math.Max(hold.StartNs, fromNs));
            }

            return held;
        }

        /// <summary>
        /// The hold that covered <paramref name="atNs"/>, newest first among the kept ones; when none did (the waiter
        /// first waited for the CPU), the first hold after it, the one it then waited behind.
        /// </summary>
        public CallSite HolderAt(long atNs)
        {
            var oldest = Math.Max(0, _count - HoldRingSize);
            var next = -1L;
            for (var i = _count - 1; i >= oldest; i--)
            {
                ref var hold = ref _ring[i % HoldRingSize];
                if (hold.StartNs > atNs)
                {
                    next = i;
                    continue;
                }

                if (atNs < hold.EndNs)
                    return new CallSite(KernelFunctions.For(hold.Message), hold.Cpu);
                break;
            }

            if (next < 0)
                return CallSite.Unknown;
            ref var after = ref _ring[next % HoldRingSize];
            return new CallSite(KernelFunctions.For(after.Message), after.Cpu);
        }
    }

    private struct Hold(long startNs, long endNs, Type message, int cpu, LockAcquirer after)
    {
        public readonly long StartNs = startNs;
        public long EndNs = endNs;
        public readonly Type Message = message;
        public readonly int Cpu = cpu;
        public readonly LockAcquirer After = after;
    }
}
