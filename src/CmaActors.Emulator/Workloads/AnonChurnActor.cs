using System.Runtime.InteropServices;
using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Load;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Load;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// A process on one CPU churning anonymous memory: every interval it frees the pages whose lifetime ended and, while
/// free memory is above the target, allocates a batch of movable order-0 pages that live for a seeded random time.
/// Now and then it pins one of its pages for a while (direct I/O), which makes migration of that page fail.
/// </summary>
public sealed class AnonChurnActor : EmulatorActor, IWithTimers
{
    private readonly AnonChurnSpec _spec;
    private readonly IActorRef _cpu;
    private readonly PageHolder _pages;
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;
    private readonly Random _random;
    private readonly DeadlineQueue<(int Slot, int Generation)> _expiries = new();
    private readonly List<(int Slot, int Generation)> _due = [];
    private readonly long _targetFree;
    private readonly List<int> _expired = [];
    private readonly LoadPort _load;
    private readonly HashSet<int> _unmappedWhilePinned = [];
    private bool _allocating;
    private long _pins;

    /// <summary>Creates one churn process.</summary>
    public AnonChurnActor(EmulatedMachine machine, AnonChurnSpec spec, string name, IActorRef cpu) : base(machine)
    {
        _spec = spec;
        _cpu = cpu;
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        _pages = machine.BootFilled(name) ?? machine.Holders.Create(name, PagePlace.Owned);
        _pages.Actor = Self;
        _random = new Random(StableSeed.For(machine.Scenario.Seed, name));
        ScheduleBootFilledExpiries((long)(machine.Scenario.DurationSeconds * 1e9));
        _targetFree = (long)(machine.ManagedPages() * spec.TargetFreePercent / 100);
        _load = new LoadPort(spec.Load);

        Receive<Tick>(_ => OnTick());
        Receive<PagesAllocated>(OnAllocated);
        Receive<StartPin>(_ => OnStartPin());
        Receive<Unpin>(OnUnpin);
        Receive<MigratePages>(OnMigrate);
        // Under a load profile a request is one churn step, answered when its allocation is back.
        Receive<LoadRequest>(m => _load.Start(m, Sender, OnTick));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Pages taken at boot (<see cref="AnonChurnSpec.FillPercent"/>) live for lifetimeMs from the start of the run, in
    /// slot order. One that outlives the run is never freed, so it is not queued at all (a fill of millions of pages
    /// would otherwise keep an entry each for nothing).
    /// </summary>
    private void ScheduleBootFilledExpiries(long endNs)
    {
        var now = Now;
        for (var slot = 0; slot < _pages.SlotCount; slot++)
        {
            var expiry = now + _random.NextNs(_spec.LifetimeMs);
            if (expiry <= endNs)
                _expiries.Enqueue((slot, _pages.GenerationOf(slot)), expiry);
        }
    }

    /// <summary>Props for one churn process.</summary>
    public static Props Props(EmulatedMachine machine, AnonChurnSpec spec, string name, IActorRef cpu) =>
        FactoryProps.Of(() => new AnonChurnActor(machine, spec, name, cpu));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var interval = TimeSpan.FromTicks((long)(_spec.IntervalUs * 10));
        // Processes start at different moments of the first interval.
        if (!_load.Driven)
            Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromTicks(_random.NextInt64(1, interval.Ticks + 1)), interval);
        if (_spec.PinsPerSecond > 0)
            SchedulePin();
    }

    private void OnTick()
    {
        FreeExpired();
        if (!_allocating && Machine.FreePages() > _targetFree)
        {
            _allocating = true;
            _cpu.Tell(new AllocPages(_spec.BatchPages, 0, MigrateType.Movable, ForLru: true));
        }
        else
        {
            _load.Finish(Now, ok: true);
        }
    }

    private void FreeExpired()
    {
        var expired = _expired;
        expired.Clear();
        var now = Now;
        _due.Clear();
        _expiries.TakeDue(now, _due);
        foreach (var entry in _due)
        {
            var pfn = _pages.PfnAt(entry.Slot);
            if (pfn < 0 || _pages.GenerationOf(entry.Slot) != entry.Generation)
                continue;
            if (_frames.GetPinCount(pfn) > 0)
            {
                // The process lets go of the page, but the pin's reference keeps it: put_page() in
                // unpin_user_page() frees it (OnUnpin).
                _unmappedWhilePinned.Add(pfn);
                continue;
            }

            _pages.Remove(pfn);
            expired.Add(pfn);
        }

        if (expired.Count == 0)
            return;
        Spend(Machine.Costs.WorkloadOpNs * expired.Count);
        _cpu.Tell(new FreePages(_transfer.Send(CollectionsMarshal.AsSpan(expired), 0)));
    }

    private void OnAllocated(PagesAllocated m)
    {
        _allocating = false;
        _transfer.Receive(m.Pages);
        Machine.CountWorkloadPages(m.Pages.Count);
        var now = Now;
        foreach (var pfn in m.Pages.Pfns)
        {
            var slot = _pages.Add(pfn, PageKind.Anon);
            _expiries.Enqueue((slot, _pages.GenerationOf(slot)), now + _random.NextNs(_spec.LifetimeMs));
        }

        Spend((Machine.Costs.ZeroPageNs + Machine.Costs.WorkloadOpNs) * m.Pages.Count);
        _load.Finish(Now, ok: m.Failed == 0);
    }

    private void SchedulePin() =>
        Timers.StartSingleTimer("pin", StartPin.Instance, TimeSpan.FromTicks(Math.Max(1, _random.NextExponentialNs(_spec.PinsPerSecond) / 100)));

    /// <summary>pin_user_pages() on one random page this process holds.</summary>
    private void OnStartPin()
    {
        SchedulePin();
        if (_pages.Count == 0)
            return;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var slot = _random.Next(_pages.SlotCount);
            var pfn = _pages.PfnAt(slot);
            if (pfn < 0)
                continue;
            _frames.Pin(pfn);
            var hold = TimeSpan.FromTicks(Math.Max(1, _random.NextNs(_spec.PinMs) / 100));
            Timers.StartSingleTimer($"unpin-{++_pins}", new Unpin(slot, pfn), hold);
            return;
        }
    }

    /// <summary>
    /// unpin_user_pages(): a pinned page cannot move or be freed, so it is still at the same pfn; when the process let
    /// go of it meanwhile, this drops the last reference and frees it.
    /// </summary>
    private void OnUnpin(Unpin m)
    {
        if (_frames.Unpin(m.Pfn) > 0 || !_unmappedWhilePinned.Remove(m.Pfn))
            return;
        _pages.Remove(m.Pfn);
        Spend(Machine.Costs.WorkloadOpNs);
        _cpu.Tell(new FreePages(_transfer.Send([m.Pfn], 0)));
    }

    private void OnMigrate(MigratePages m)
    {
        if (_spec.MigrationPinPercent > 0)
            PinIsolated(m.Old);
        Sender.Tell(PageMigration.Handle(m, _pages, _frames, _transfer));
    }

    /// <summary>
    /// A pin that lands between isolation and migration: the page was isolated unpinned, and is pinned by the time its
    /// migration checks the reference count (<see cref="AnonChurnSpec.MigrationPinPercent"/>).
    /// </summary>
    private void PinIsolated(int[] old)
    {
        foreach (var pfn in old)
        {
            if (!_pages.Holds(pfn) || _frames.GetPinCount(pfn) > 0 || _random.NextDouble() * 100 >= _spec.MigrationPinPercent)
                continue;
            _frames.Pin(pfn);
            var hold = TimeSpan.FromTicks(Math.Max(1, _random.NextNs(_spec.PinMs) / 100));
            Timers.StartSingleTimer($"unpin-{++_pins}", new Unpin(_pages.SlotOf(pfn), pfn), hold);
        }
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record StartPin
    {
        public static readonly StartPin Instance = new();
    }

    private sealed record Unpin(int Slot, int Pfn);
}
