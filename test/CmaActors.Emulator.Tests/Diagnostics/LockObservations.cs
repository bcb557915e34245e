using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>
/// Lock figures recomputed from the raw per-message observations, with code of its own: every hold of every
/// lock-like actor is kept, and the holder of a contended lock is found by binary search over them; mutex figures come
/// from the MutexLock / MutexGranted / MutexUnlock messages alone. Bounces follow lockdep: the pcp fast paths
/// (rmqueue_pcplist and free_unref_page, which free_contig_range uses) take &amp;pcp->lock with a trylock, which records
/// no acquisition: no acq-bounce and no new lock->cpu; a contention bounces when its CPU is not lock->cpu. A wait
/// behind a hold by the waiter's own CPU is not a contention (a spinlock's holder runs with preemption off).
/// The caller-side drains of 6.0+ come from the pcp locks' own reports of each remote spin_lock() and spin_unlock()
/// (with the grant message that ends a spin): an acquisition of the drained CPU's row by the drainer's CPU, contended
/// when the owner held the lock, waiting until the grant reaches the drainer, held until the unlock. A CPU's delivery in
/// which its trylocks failed and none succeeded, and the zone's answers to its fallback, are no acquisition.
/// </summary>
public sealed class LockObservations : IDeliveryObserver, IPcpLockObserver
{
    private readonly EmulatedMachine _machine;
    private readonly EmulatorRuntime _runtime;
    private readonly Placement placement;
    private readonly Dictionary<int, Observed> _actors = [];
    private readonly Dictionary<int, (long StartNs, int Taker, long Wait, int LockCpuAtArrival, int HolderCpu, bool Trylock, string Message, long Taken, long Failed)> _pending = [];
    private readonly Dictionary<(int Cpu, int Zone), (long RequestNs, int Drainer, int LockCpuAtRequest)> _spinning = [];
    private readonly Dictionary<(int Cpu, int Zone), long> _remoteHolds = [];
    private readonly HashSet<int> _inFallback = [];
    private readonly Dictionary<string, Observed> _mutexClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Mutex, int Task), long> _lockRequests = [];
    private readonly Dictionary<int, (long GrantedNs, int Cpu)> _holders = [];
    private static readonly HashSet<string> TrylockMessages = ["AllocPages", "FreePages", "ReleaseContig"];

    /// <summary>Observes <paramref name="machine"/>'s run, its pcp locks included.</summary>
    public LockObservations(EmulatedMachine machine, EmulatorRuntime runtime)
    {
        _machine = machine;
        _runtime = runtime;
        placement = machine.Placement;
        foreach (var cpu in machine.Cpus)
        foreach (var pcpLock in cpu.PcpLocks)
            pcpLock.Observe(runtime.Clock, this);
    }

    /// <summary>Figures per lock-like actor, keyed by (class, instance).</summary>
    public IReadOnlyDictionary<(string Class, string Instance), Observed> ActorLocks =>
        _actors.Values.ToDictionary(o => (o.Class, o.Instance));

    /// <summary>Figures per mutex class.</summary>
    public IReadOnlyDictionary<string, Observed> MutexClasses => _mutexClasses;

    /// <summary>Messages handled by any actor.</summary>
    public long Deliveries { get; private set; }

    public void OnSend(in SendEvent e)
    {
        if (e.Message is not MutexGranted || placement.RoleOf(e.From).Kind != ActorRoleKind.Mutex)
            return;
        var mutex = placement.RoleOf(e.From);
        var observed = MutexClass(mutex.LockClass!);
        var requestedAt = _lockRequests[(e.From.Value, e.To.Value)];
        _lockRequests.Remove((e.From.Value, e.To.Value));
        var cpu = placement.RoleOf(e.To).Cpu;
        var wait = e.SentAtNs - requestedAt;
        observed.Acquisitions++;
        if (wait > 0)
        {
            observed.Contentions++;
            observed.WaitTotalNs += wait;
            observed.WaitMaxNs = Math.Max(observed.WaitMaxNs, wait);
            observed.WaitMinNs = observed.WaitMinNs == 0 ? wait : Math.Min(observed.WaitMinNs, wait);
        }

        _holders[e.From.Value] = (e.SentAtNs, cpu);
    }

    public void OnDeliveryStart(in DeliveryEvent e)
    {
        Deliveries++;
        var role = placement.RoleOf(e.To);
        if (role.Kind == ActorRoleKind.Mutex)
        {
            if (e.Message is MutexLock)
            {
                _lockRequests[(e.To.Value, e.From.Value)] = e.StartNs;
                if (_holders.TryGetValue(e.To.Value, out var holder) && holder.Cpu >= 0 && placement.RoleOf(e.From).Cpu is >= 0 and var cpu &&
                    cpu != holder.Cpu)
                    MutexClass(role.LockClass!).ConBounces++;
            }
            else if (e.Message is MutexUnlock && _holders.Remove(e.To.Value, out var hold))
            {
                var observed = MutexClass(role.LockClass!);
                observed.HoldTotalNs += e.StartNs - hold.GrantedNs;
                observed.Releases++;
            }

            return;
        }

        if (e.Message is PcpLockGranted granted && _spinning.Remove((granted.Cpu, granted.ZoneId), out var spin))
        {
            var owner = CpuRow(granted.Cpu);
            var wait = e.StartNs - spin.RequestNs;
            owner.Acquisitions++;
            if (spin.Drainer != granted.Cpu)
            {
                owner.Contentions++;
                owner.WaitTotalNs += wait;
                owner.WaitMaxNs = Math.Max(owner.WaitMaxNs, wait);
                owner.WaitMinNs = owner.WaitMinNs == 0 ? wait : Math.Min(owner.WaitMinNs, wait);
                owner.ContendedAgainstCpu[granted.Cpu] = owner.ContendedAgainstCpu.GetValueOrDefault(granted.Cpu) + 1;
                if (spin.LockCpuAtRequest >= 0 && spin.Drainer >= 0 && spin.LockCpuAtRequest != spin.Drainer)
                    owner.ConBounces++;
            }

            owner.Acquired(spin.Drainer);
            _remoteHolds[(granted.Cpu, granted.ZoneId)] = e.StartNs;
        }

        if (role.LockClass is null || role.Kind is not (ActorRoleKind.Zone or ActorRoleKind.CmaArea or ActorRoleKind.Cpu))
            return;
        var taker = placement.RoleOf(e.From).Cpu;
        if (taker < 0)
            taker = role.Cpu;
        var lockActor = ActorOf(e.To.Value, role);
        // Waiting for the CPU (another task placed on it) is not waiting for the lock: only the time behind the lock's
        // own holds counts.
        var waited = role.Kind != ActorRoleKind.Cpu ? e.StartNs - e.ArrivedAtNs : lockActor.HeldBetween(e.ArrivedAtNs, e.StartNs);
        var lockCpuAtArrival = lockActor.LockCpuAt(e.ArrivedAtNs);
        var holderCpu = waited > 0 ? lockActor.HolderAt(e.ArrivedAtNs) : -1;
        var trylock = TrylockMessages.Contains(e.Message.GetType().Name);
        if (role.Kind == ActorRoleKind.Cpu)
        {
            // Whether the CPU took its pcp lock in this delivery is known at its end.
            var locks = _machine.Cpus[role.Cpu].PcpLocks;
            _pending[e.To.Value] = (e.StartNs, taker, waited, lockCpuAtArrival, holderCpu, trylock, e.Message.GetType().Name,
                locks.Sum(l => l.OwnerTrylocks), locks.Sum(l => l.OwnerTrylockFailures));
            return;
        }

        Record(lockActor, role, e.StartNs, taker, waited, lockCpuAtArrival, holderCpu, trylock);
    }

    private static void Record(Observed lockActor, ActorRole role, long startNs, int taker, long wait, int lockCpuAtArrival, int holderCpu, bool trylock)
    {
        lockActor.Acquisitions++;
        if (!trylock)
            lockActor.Acquired(taker);

        var ownWork = role.Kind == ActorRoleKind.Cpu && taker == role.Cpu;
        var sameCpuAsHolder = taker >= 0 && holderCpu == taker;
        if (wait > 0 && !ownWork && sameCpuAsHolder)
        {
            lockActor.SameCpuWaits++;
            lockActor.SameCpuWaitNs += wait;
        }

        if (wait > 0 && !ownWork && !sameCpuAsHolder)
        {
            lockActor.Contentions++;
            lockActor.WaitTotalNs += wait;
            lockActor.WaitMaxNs = Math.Max(lockActor.WaitMaxNs, wait);
            lockActor.WaitMinNs = lockActor.WaitMinNs == 0 ? wait : Math.Min(lockActor.WaitMinNs, wait);
            lockActor.ContendedAgainstCpu[holderCpu] = lockActor.ContendedAgainstCpu.GetValueOrDefault(holderCpu) + 1;
            if (lockCpuAtArrival >= 0 && taker >= 0 && lockCpuAtArrival != taker)
                lockActor.ConBounces++;
        }

        lockActor.Holds.Add((startNs, long.MaxValue, taker, lockActor.LastCpu));
    }

    public void RemoteLocked(PcpLock pcpLock, IActorRef drainer, long atNs, bool heldByOwner)
    {
        var owner = CpuRow(pcpLock.Cpu);
        var drainerCpu = placement.RoleOf(_runtime.IdOf(drainer)).Cpu;
        if (heldByOwner)
        {
            _spinning[(pcpLock.Cpu, pcpLock.ZoneId)] = (atNs, drainerCpu, owner.LastCpu);
            return;
        }

        owner.Acquisitions++;
        owner.Acquired(drainerCpu);
        _remoteHolds[(pcpLock.Cpu, pcpLock.ZoneId)] = atNs;
    }

    public void RemoteUnlocked(PcpLock pcpLock, long atNs)
    {
        if (!_remoteHolds.Remove((pcpLock.Cpu, pcpLock.ZoneId), out var since))
            return;
        var owner = CpuRow(pcpLock.Cpu);
        owner.HoldTotalNs += atNs - since;
        owner.Releases++;
    }

    private Observed CpuRow(int cpu)
    {
        var id = _runtime.IdOf(_machine.Actors!.Cpus[cpu]);
        return ActorOf(id.Value, placement.RoleOf(id));
    }

    private Observed ActorOf(int id, ActorRole role)
    {
        if (!_actors.TryGetValue(id, out var lockActor))
            _actors.Add(id, lockActor = new Observed(role.LockClass!, role.Name));
        return lockActor;
    }

    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
        if (!_actors.TryGetValue(e.To.Value, out var lockActor))
            return;
        if (_pending.Remove(e.To.Value, out var p))
        {
            var role = placement.RoleOf(e.To);
            var locks = _machine.Cpus[role.Cpu].PcpLocks;
            var tookNone = locks.Sum(l => l.OwnerTrylocks) == p.Taken;
            var fellBack = tookNone && (locks.Sum(l => l.OwnerTrylockFailures) > p.Failed ||
                                        (_inFallback.Contains(e.To.Value) && p.Message is "RmqueueDone" or "PagesFreed"));
            if (fellBack)
            {
                _inFallback.Add(e.To.Value);
                return;
            }

            _inFallback.Remove(e.To.Value);
            Record(lockActor, role, p.StartNs, p.Taker, p.Wait, p.LockCpuAtArrival, p.HolderCpu, p.Trylock);
        }

        var last = lockActor.Holds[^1];
        lockActor.Holds[^1] = (last.StartNs, endNs, last.Cpu, last.LockCpuAfter);
        lockActor.HoldTotalNs += endNs - e.StartNs;
        lockActor.Releases++;
    }

    private Observed MutexClass(string lockClass)
    {
        if (!_mutexClasses.TryGetValue(lockClass, out var observed))
            _mutexClasses.Add(lockClass, observed = new Observed(lockClass, lockClass));
        return observed;
    }

    /// <summary>What was observed of one lock.</summary>
    public sealed class Observed(string lockClass, string instance)
    {
        public string Class { get; } = lockClass;
        public string Instance { get; } = instance;
        public long Acquisitions;
        public long Contentions;

        /// <summary>Waits behind a hold by the waiter's own CPU: not contentions (the holder runs with preemption off).</summary>
        public long SameCpuWaits;

        /// <summary>Their total wait.</summary>
        public long SameCpuWaitNs;
        public long WaitTotalNs;
        public long WaitMinNs;
        public long WaitMaxNs;
        public long HoldTotalNs;
        public long Releases;
        public long AcqBounces;
        public long ConBounces;
        public int LastCpu = -1;

        /// <summary>lock_acquired() by <paramref name="cpu"/>: the acquired bounce, then lock->cpu.</summary>
        public void Acquired(int cpu)
        {
            if (cpu < 0)
                return;
            if (LastCpu >= 0 && cpu != LastCpu)
                AcqBounces++;
            LastCpu = cpu;
        }
        public List<(long StartNs, long EndNs, int Cpu, int LockCpuAfter)> Holds { get; } = [];

        /// <summary>Contentions by the CPU of the holder at the waiter's arrival (-1: no hold covered it).</summary>
        public Dictionary<int, long> ContendedAgainstCpu { get; } = [];

        /// <summary>
        /// The CPU of the hold that covered <paramref name="atNs"/>, by binary search over every hold; when none did, that
        /// of the first hold after it; -1 if there is none either.
        /// </summary>
        public int HolderAt(long atNs)
        {
            var found = LastStartedBy(atNs);
            if (found >= 0 && atNs < Holds[found].EndNs)
                return Holds[found].Cpu;
            return found + 1 < Holds.Count ? Holds[found + 1].Cpu : -1;
        }

        /// <summary>How long every hold covered [<paramref name="fromNs"/>, <paramref name="toNs"/>).</summary>
        public long HeldBetween(long fromNs, long toNs)
        {
            long held = 0;
            for (var i = Holds.Count - 1; i >= 0 && Holds[i].EndNs > fromNs; i--)
                held += Math.Max(0, Math.Min(Holds[i].EndNs, toNs) - Math.Max(Holds[i].StartNs, fromNs));
            return held;
        }

        /// <summary>lock->cpu at <paramref name="atNs"/>: as the last hold begun by then left it; -1 if none.</summary>
        public int LockCpuAt(long atNs) => LastStartedBy(atNs) is var found && found >= 0 ? Holds[found].LockCpuAfter : -1;

        private int LastStartedBy(long atNs)
        {
            int lo = 0, hi = Holds.Count - 1, found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (Holds[mid].StartNs <= atNs)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return found;
        }
    }
}
