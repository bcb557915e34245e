using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A CPU and its per-CPU page lists (struct per_cpu_pages, pcp->lock). It runs the page allocator's fast paths for
/// the tasks on it: allocation from the pcp lists with rmqueue_bulk() refills, free_unref_page() with flushes when a
/// list goes over pcp->high (sized by the kernel profile, <see cref="PcpHighBatch"/>), drains for drain_all_pages()
/// in the work-item protocol (4.11–5.19), the LRU drain work item, and free_contig_range() for cma_release(). While
/// it waits for a zone it handles nothing else (it spins on zone->lock with interrupts off): other messages are
/// stashed. With the 6.0+ protocol its pcp->lock (<see cref="PcpLock"/>) can be held by a remote drainer; then its
/// own allocations and frees fall back to zone->lock one page at a time (pcp_spin_trylock() failing).
/// </summary>
public sealed partial class CpuActor : EmulatorActor, IWithUnboundedStash, IWithTimers
{
    private readonly CpuState _cpu;
    private readonly IReadOnlyList<IActorRef> _zones;
    private readonly IActorRef _kswapd;
    private readonly List<int> _lruBatch = [];
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;
    private PcpPage[] _flush = [];
    private readonly Queue<(IActorRef Zone, object Request)> _zoneCalls = new();
    private Action? _afterZoneCalls;
    private PendingAlloc? _alloc;
    private bool _waiting;
    private RemotePcpDrain? _drainAll;

    /// <summary>Creates the actor of one CPU.</summary>
    public CpuActor(EmulatedMachine machine, CpuState cpu, IReadOnlyList<IActorRef> zones, IActorRef kswapd) : base(machine)
    {
        _cpu = cpu;
        _zones = zones;
        _kswapd = kswapd;
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        Become(Ready);
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <summary>Waiting for a zone (zone->lock) or draining every CPU (drain_all_pages(NULL)): this CPU spins.</summary>
    protected override bool Spinning => _waiting;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        base.PreStart();
        // vmstat_update() runs refresh_cpu_vm_stats() every second (sysctl_stat_interval); with auto-tuned pcp high it
        // calls decay_pcp_high() for each zone.
        if (Machine.Kernel.PcpSizing == PcpSizingMode.AutoTuned)
            Timers.StartPeriodicTimer("vmstat_update", VmstatUpdate.Instance, TimeSpan.FromSeconds(1));
    }

    /// <summary>Props for the actor of <paramref name="cpu"/>.</summary>
    public static Props Props(EmulatedMachine machine, CpuState cpu, IReadOnlyList<IActorRef> zones, IActorRef kswapd) =>
        FactoryProps.Of(() => new CpuActor(machine, cpu, zones, kswapd));

    private void Ready()
    {
        Receive<AllocPages>(StartAlloc);
        Receive<FreePages>(m => FreeBatch(m.Pages, then: null));
        Receive<DrainPcp>(Drain);
        Receive<DrainLru>(_ =>
        {
            // 6.x: lru_add_drain_per_cpu() runs as a work item: the kworker is woken and switched in on this CPU.
            if (Machine.Kernel.LruDisableAfterDrain)
                Spend(Machine.Costs.WorkItemNs);
            DrainLruBatch();
            Sender.Tell(new LruDrained(_cpu.Cpu));
        });
        Receive<ReleaseContig>(Release);
        Receive<VmstatUpdate>(_ => DecayPcpHigh());
    }

    private sealed record VmstatUpdate
    {
        public static readonly VmstatUpdate Instance = new();
    }
}
