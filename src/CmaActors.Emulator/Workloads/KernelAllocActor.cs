using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Load;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Load;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// Unmovable kernel allocations (slab, page tables) on one CPU: batches of MIGRATE_UNMOVABLE pages at a steady rate,
/// each freed after a random lifetime. They must never come from a CMA pageblock, and their pageblocks can steal
/// from movable ones under pressure (__rmqueue_fallback()).
/// </summary>
public sealed class KernelAllocActor : EmulatorActor, IWithTimers
{
    private readonly KernelAllocSpec _spec;
    private readonly IActorRef _cpu;
    private readonly PageHolder _pages;
    private readonly PageTransfer _transfer;
    private readonly Random _random;
    private readonly DeadlineQueue<int> _expiries = new();
    private readonly List<int> _expired = [];
    private readonly LoadPort _load;

    /// <summary>Creates the allocator.</summary>
    public KernelAllocActor(EmulatedMachine machine, KernelAllocSpec spec, string name, IActorRef cpu) : base(machine)
    {
        _spec = spec;
        _cpu = cpu;
        _transfer = machine.Transfer;
        _pages = machine.Holders.Create(name, PagePlace.Owned);
        _pages.Actor = Self;
        _random = new Random(StableSeed.For(machine.Scenario.Seed, name));
        _load = new LoadPort(spec.Load);
        Receive<Tick>(_ => OnTick());
        Receive<PagesAllocated>(OnAllocated);
        // Under a load profile a request is one allocation batch, answered when it is back.
        Receive<LoadRequest>(m => _load.Start(m, Sender, OnTick));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the allocator.</summary>
    public static Props Props(EmulatedMachine machine, KernelAllocSpec spec, string name, IActorRef cpu) =>
        FactoryProps.Of(() => new KernelAllocActor(machine, spec, name, cpu));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var interval = TimeSpan.FromTicks(Math.Max(1, (long)(_spec.BatchPages / _spec.PagesPerSecond * 1e7)));
        if (!_load.Driven)
            Timers.StartPeriodicTimer("tick", Tick.Instance, interval, interval);
    }

    private void OnTick()
    {
        _expired.Clear();
        _expiries.TakeDue(Now, _expired);
        foreach (var pfn in _expired)
            _pages.Remove(pfn);

        if (_expired.Count > 0)
            _cpu.Tell(new FreePages(_transfer.Send(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_expired), 0)));
        _cpu.Tell(new AllocPages(_spec.BatchPages, 0, MigrateType.Unmovable));
    }

    private void OnAllocated(PagesAllocated m)
    {
        _transfer.Receive(m.Pages);
        Machine.CountWorkloadPages(m.Pages.Count);
        foreach (var pfn in m.Pages.Pfns)
        {
            _pages.Add(pfn, PageKind.Kernel);
            _expiries.Enqueue(pfn, Now + _random.NextNs(_spec.LifetimeMs));
        }

        Spend(Machine.Costs.WorkloadOpNs * m.Pages.Count);
        _load.Finish(Now, ok: m.Failed == 0);
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
