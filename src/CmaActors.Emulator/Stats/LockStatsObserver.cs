using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Lock statistics of lock-like actors (zones, CMA areas, CPUs' pcp lists) from the delivery hooks: a handled
/// message is an acquisition by the sender's CPU, a message that arrived while its actor was busy is a contention,
/// mailbox wait is wait time, handling time is hold time. The contending point of a wait is the handler that held the
/// actor when the message arrived. A CPU's own work queued behind its current handler is not a contention of its
/// &amp;pcp->lock (the CPU is busy, the lock is not contended; that wait shows as mailbox wait): only another CPU's
/// request contends it. Likewise a request from the CPU that holds the lock when it arrives is not a
/// contention: a spinlock's holder runs with preemption off, so no other task of its CPU can reach the lock until it is
/// released (a one-CPU machine has no spinlock contention). The pcp fast paths (rmqueue_pcplist, free_unref_page) take &amp;pcp->lock with
/// pcp_spin_trylock, which lockdep does not follow with lock_acquired() (<see cref="KernelFunctions.IsTrylock(object)"/>).
/// <para>
/// &amp;pcp->lock has a second side since 6.0: drain_all_pages()'s caller takes each CPU's lock itself
/// (<see cref="PcpLock"/>, drain_pages_zone()), with no message to that CPU. Once attached to the pcp locks
/// (<see cref="WatchPcpLocks"/>), each such spin_lock() is an acquisition of the drained CPU's row by the drainer's
/// CPU, at drain_pages_zone(); it is contended when the owning CPU held the lock when the drainer asked (and the drainer
/// runs on another CPU), and then its wait lasts until the <see cref="PcpLockGranted"/> reaches the drainer, its holder
/// is the owning CPU's last handler and its contending point lock->ip as it was when the drainer asked; the hold lasts
/// from the grant to spin_unlock(). A delivery to a CPU in which its own pcp_spin_trylock() failed (a remote drainer
/// held the lock: the zone->lock fallback) and none succeeded took no pcp lock: it is neither an acquisition nor a hold,
/// nor is the zone's answer to its fallback call (<see cref="RmqueueDone"/>, <see cref="PagesFreed"/>) unless a trylock
/// in it succeeds.
/// </para>
/// Mutexes record their own statistics (<see cref="Actors.MutexActor"/>). In parallel mode the hooks of different
/// actors run at once; each actor's own deliveries never overlap, so only the table of lock actors and each CPU's row
/// (which drainers on other threads update too) are guarded.
/// </summary>
public sealed class LockStatsObserver(EmulatedMachine machine) : IDeliveryObserver, IPcpLockObserver
{
    private const int HoldRingSize = 64;
    private const string DrainFunction = "drain_pages_zone";
    private static readonly LockActor NotALock = new(new LockStat("", ""), -1, null);
    private readonly Placement placement = machine.Placement;
    private readonly object _gate = new();
    private LockActor?[] _byActor = new LockActor?[64];
    private readonly List<LockStat> _all = [];
    private EmulatorRuntime? _runtime;

    /// <summary>Statistics per lock-like actor, in creation order.</summary>
    public IReadOnlyList<LockStat> Locks => _all;

    /// <summary>
    /// Attaches to every pcp lock of the machine, so that the 6.0+ caller-side drains' spin_lock() calls on them count
    /// in the CPUs' rows; <paramref name="runtime"/> gives the clock the actors use and the ids of the drainers.
    /// </summary>
    public void WatchPcpLocks(EmulatorRuntime runtime)
    {
        _runtime = runtime;
        foreach (var cpu in machine.Cpus)
        foreach (var pcpLock in cpu.PcpLocks)
            pcpLock.Observe(runtime.Clock, this);
    }

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        if (e.Message is PcpLockGranted granted)
            RemoteGranted(granted, e.To, e.StartNs);
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
        if (actor.PcpLocks is { } pcpLocks)
        {
            // A CPU's row: whether this delivery took a pcp lock is known at its end.
            lock (actor)
            {
                var holder = wait > 0 ? actor.HolderAt(e.ArrivedAtNs) : CallSite.Unknown;
                actor.Pending = new PendingDelivery(cpu, wait, function, trylock, holder, actor.LastAcquirerAt(e.ArrivedAtNs),
                    e.Message, TrylocksOf(pcpLocks));
            }

            return;
        }

        Acquire(actor, cpu, wait, function, trylock, wait > 0 ? actor.HolderAt(e.ArrivedAtNs) : CallSite.Unknown,
            actor.LastAcquirerAt(e.ArrivedAtNs), e.StartNs, e.Message.GetType());
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
        if (LockOf(e.To) is not { } actor)
            return;
        if (actor.PcpLocks is { } pcpLocks)
        {
            lock (actor)
            {
                var p = actor.Pending;
                var (taken, failed) = TrylocksOf(pcpLocks);
                // pcp_spin_trylock() failed and the CPU fell back to zone->lock, or this is the zone's answer to that
                // fallback: no pcp lock taken.
                actor.InFallback = taken == p.Trylocks.Taken &&
                                   (failed > p.Trylocks.Failed || (actor.InFallback && p.Message is RmqueueDone or PagesFreed));
                if (actor.InFallback)
                    return;
                Acquire(actor, p.Cpu, p.WaitNs, p.Function, p.Trylock, p.Holder, p.LastAcquirer, e.StartNs, p.Message.GetType());
                actor.Stat.Released(endNs - e.StartNs);
                actor.EndLatest(endNs);
            }

            return;
        }

        actor.Stat.Released(endNs - e.StartNs);
        actor.EndLatest(endNs);
    }

    /// <inheritdoc />
    public void RemoteLocked(PcpLock pcpLock, IActorRef drainer, long atNs, bool heldByOwner)
    {
        if (CpuRow(pcpLock.Cpu) is not { } actor)
            return;
        var cpu = _runtime is { } runtime ? placement.RoleOf(runtime.IdOf(drainer)).Cpu : -1;
        lock (actor)
        {
            var remote = actor.Remote(pcpLock.ZoneId);
            remote.Cpu = cpu;
            if (heldByOwner)
            {
                // lock_contended() now; lock_acquired() when the grant reaches the spinning drainer.
                remote.RequestNs = atNs;
                remote.AtRequest = actor.Stat.LastAcquirer;
                remote.Holder = new CallSite(actor.LatestFunctionBy(atNs) ?? CallSite.Unknown.Function, actor.OwnCpu);
                return;
            }

            actor.Stat.Acquired(cpu, function: DrainFunction);
            remote.HeldSinceNs = atNs;
        }
    }

    /// <inheritdoc />
    public void RemoteUnlocked(PcpLock pcpLock, long atNs)
    {
        if (CpuRow(pcpLock.Cpu) is not { } actor)
            return;
        lock (actor)
        {
            var remote = actor.Remote(pcpLock.ZoneId);
            if (remote.HeldSinceNs < 0)
                return;
            actor.Stat.Released(atNs - remote.HeldSinceNs);
            remote.HeldSinceNs = -1;
        }
    }

    /// <summary>A spinning drainer got the lock: the end of its wait and the start of its hold.</summary>
    private void RemoteGranted(PcpLockGranted granted, ActorId drainer, long atNs)
    {
        if (CpuRow(granted.Cpu) is not { } actor)
            return;
        lock (actor)
        {
            var remote = actor.Remote(granted.ZoneId);
            if (remote.RequestNs < 0)
                return;
            var cpu = remote.Cpu >= 0 ? remote.Cpu : placement.RoleOf(drainer).Cpu;
            if (cpu >= 0 && cpu == actor.OwnCpu)
                actor.Stat.Acquired(cpu, function: DrainFunction); // the same-CPU rule: not a contention
            else
                actor.Stat.Acquired(new CallSite(DrainFunction, cpu), atNs - remote.RequestNs, remote.Holder, atNs, atContention: remote.AtRequest);
            remote.RequestNs = -1;
            remote.HeldSinceNs = atNs;
        }
    }

    private static void Acquire(LockActor actor, int cpu, long wait, string function, bool trylock, CallSite holder,
        LockAcquirer? lastAcquirer, long startNs, Type message)
    {
        if (wait > 0 && (actor.OwnCpu < 0 || cpu != actor.OwnCpu) && (cpu < 0 || holder.Cpu != cpu))
            actor.Stat.Acquired(new CallSite(function, cpu), wait, holder, startNs, trylock, lastAcquirer);
        else
            actor.Stat.Acquired(cpu, trylock, function);
        actor.Push(startNs, message, cpu, actor.Stat.LastAcquirer);
    }

    /// <summary>The owning CPU's trylocks so far over all its pcp locks: taken, failed.</summary>
    private static (long Taken, long Failed) TrylocksOf(IReadOnlyList<PcpLock> pcpLocks)
    {
        long taken = 0, failed = 0;
        for (var i = 0; i < pcpLocks.Count; i++)
        {
            taken += pcpLocks[i].OwnerTrylocks;
            failed += pcpLocks[i].OwnerTrylockFailures;
        }

        return (taken, failed);
    }

    /// <summary>The row of <paramref name="cpu"/>'s pcp lists (null before the machine's actors exist).</summary>
    private LockActor? CpuRow(int cpu)
    {
        if (_runtime is not { } runtime || machine.Actors is not { } actors || cpu < 0 || cpu >= actors.Cpus.Count)
            return null;
        return LockOf(runtime.IdOf(actors.Cpus[cpu]));
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
        var pcpLocks = role.Kind == ActorRoleKind.Cpu && role.Cpu >= 0 && role.Cpu < machine.Cpus.Count ? machine.Cpus[role.Cpu].PcpLocks : null;
        return Register(index, new LockActor(new LockStat(role.LockClass, role.Name), role.Cpu, pcpLocks));
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

    /// <summary>
    /// A lock-like actor: its statistics and its last holds, to find who held it when a waiter arrived; for a CPU, its
    /// pcp locks, the delivery being handled and the state of the remote drainer on each of its locks.
    /// </summary>
    private sealed class LockActor(LockStat stat, int ownCpu, IReadOnlyList<PcpLock>? pcpLocks)
    {
        private readonly Hold[] _ring = new Hold[HoldRingSize];
        private RemoteSide?[]? _remote;
        private long _count;

        public LockStat Stat { get; } = stat;

        /// <summary>The actor's own CPU (a CPU's pcp lists), used when the sender runs on none.</summary>
        public int OwnCpu { get; } = ownCpu;

        /// <summary>A CPU's pcp locks, by zone id (null: not a CPU).</summary>
        public IReadOnlyList<PcpLock>? PcpLocks { get; } = pcpLocks;

        /// <summary>A CPU's delivery being handled, recorded at its end.</summary>
        public PendingDelivery Pending { get; set; }

        /// <summary>The CPU's last delivery took no pcp lock: its trylock failed and it fell back to zone->lock.</summary>
        public bool InFallback { get; set; }

        /// <summary>The remote drainer's side of the lock of zone <paramref name="zoneId"/>.</summary>
        public RemoteSide Remote(int zoneId)
        {
            _remote ??= new RemoteSide?[Math.Max(PcpLocks?.Count ?? 0, zoneId + 1)];
            if (zoneId >= _remote.Length)
                Array.Resize(ref _remote, zoneId + 1);
            return _remote[zoneId] ??= new RemoteSide();
        }

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

        /// <summary>The function of the last hold that began by <paramref name="atNs"/>, ended or not (null: none kept).</summary>
        public string? LatestFunctionBy(long atNs)
        {
            var oldest = Math.Max(0, _count - HoldRingSize);
            for (var i = _count - 1; i >= oldest; i--)
            {
                ref var hold = ref _ring[i % HoldRingSize];
                if (hold.StartNs <= atNs)
                    return KernelFunctions.For(hold.Message);
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

    /// <summary>A remote drainer on one pcp lock: spinning since <see cref="RequestNs"/>, or holding since <see cref="HeldSinceNs"/>.</summary>
    private sealed class RemoteSide
    {
        /// <summary>The drainer's CPU.</summary>
        public int Cpu = -1;

        /// <summary>When it asked for the lock the owner held (-1: not spinning).</summary>
        public long RequestNs = -1;

        /// <summary>lock->cpu and lock->ip when it asked.</summary>
        public LockAcquirer AtRequest;

        /// <summary>The owner's hold it ran into.</summary>
        public CallSite Holder = CallSite.Unknown;

        /// <summary>When it got the lock (-1: not holding).</summary>
        public long HeldSinceNs = -1;
    }

    /// <summary>What a CPU's delivery found at its start, and its owner's trylocks then.</summary>
    private readonly record struct PendingDelivery(int Cpu, long WaitNs, string Function, bool Trylock, CallSite Holder,
        LockAcquirer? LastAcquirer, object Message, (long Taken, long Failed) Trylocks);

    private struct Hold(long startNs, long endNs, Type message, int cpu, LockAcquirer after)
    {
        public readonly long StartNs = startNs;
        public long EndNs = endNs;
        public readonly Type Message = message;
        public readonly int Cpu = cpu;
        public readonly LockAcquirer After = after;
    }
}
