using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Load;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Gcma;
using CmaActors.Emulator.Protocol.Load;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Protocol.Reclaim;
using CmaActors.Emulator.Protocol.Storage;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// One process of a background load (<see cref="BackgroundSpec"/>): it touches pages of its working set, most of
/// them in a hot part; a page that is not resident is faulted in (the process waits: allocation through its CPU, then
/// a read from the block device, a swap-in, or a copy back from GCMA's store). kswapd asks it to give pages back;
/// a flusher writes old dirty file pages back; some pages are pinned for a while. cma_alloc asks it to migrate or
/// drop pages in a range. Split by concern over several files.
/// </summary>
public sealed partial class BackgroundProcessActor : EmulatorActor, IWithTimers
{
    private readonly BackgroundSpec _spec;
    private readonly IActorRef _cpu;
    private readonly IActorRef _device;
    private readonly IActorRef? _store;
    private readonly PageHolder _pages;
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;
    private readonly Random _random;
    private readonly WorkingSet _ws;
    private readonly Dictionary<int, int> _pageOf = [];
    private readonly HashSet<int> _isolated = [];
    private readonly ProcessStats _stats;
    private readonly int _hotPages;
    private readonly Queue<AllocPurpose> _allocs = new();
    private readonly SwapBackend _swap;
    private readonly LoadPort _load;
    private const int DirectReclaimPages = 32;
    private int _faultPage = -1;
    private int _budget;
    private int _prefaultNext;
    private readonly int _prefaultEnd;
    private long _nextTag;

    /// <summary>Creates one process.</summary>
    public BackgroundProcessActor(EmulatedMachine machine, BackgroundSpec spec, string name, IActorRef cpu, IActorRef device,
        IActorRef? store, ProcessStats stats) : base(machine)
    {
        _spec = spec;
        _cpu = cpu;
        _device = device;
        _store = store;
        _stats = stats;
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        _swap = machine.Scenario.Storage.Swap;
        _pages = machine.Holders.Create(name, PagePlace.Owned);
        _pages.Actor = Self;
        _random = new Random(StableSeed.For(machine.Scenario.Seed, name));
        var pages = spec.WorkingSetMiB * 256;
        _ws = new WorkingSet(pages, spec.AnonPercent);
        _hotPages = Math.Max(1, (int)(pages * spec.HotSetPercent / 100));
        _prefaultEnd = (int)(pages * spec.PrefaultPercent / 100);
        _load = new LoadPort(spec.Load);

        Receive<Step>(_ => OnStep());
        Receive<PagesAllocated>(OnAllocated);
        Receive<DiscardableGot>(OnStoreAnswer);
        Receive<IoComplete>(OnIoComplete);
        Receive<RetryFault>(_ => RequestFaultPage());
        Receive<ShrinkLru>(OnShrink);
        Receive<Flush>(_ => OnFlush());
        Receive<MigratePages>(OnMigrate);
        Receive<StartPin>(_ => OnStartPin());
        Receive<StartLongPin>(_ => OnStartLongPin());
        Receive<Unpin>(OnUnpin);
        // Under a load profile a request is one step of accesses, answered when the last of them is done.
        Receive<LoadRequest>(m => _load.Start(m, Sender, OnStep));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for one process.</summary>
    public static Props Props(EmulatedMachine machine, BackgroundSpec spec, string name, IActorRef cpu, IActorRef device,
        IActorRef? store, ProcessStats stats) =>
        CmaActors.Runtime.ActorProps.Of(() => new BackgroundProcessActor(machine, spec, name, cpu, device, store, stats));

    private int OwnerId => _pages.Id;

    /// <inheritdoc />
    protected override void PreStart()
    {
        var step = TimeSpan.FromTicks(Math.Max(1, (long)(_spec.AccessesPerStep / _spec.AccessesPerSecond * 1e7)));
        if (!_load.Driven)
            Timers.StartPeriodicTimer("step", Step.Instance, TimeSpan.FromTicks(_random.NextInt64(1, step.Ticks + 1)), step);
        var flush = TimeSpan.FromMilliseconds(_spec.FlushIntervalMs);
        Timers.StartPeriodicTimer("flush", Flush.Instance, flush, flush);
        if (_spec.PinsPerSecond > 0)
            ScheduleShortPin();
        RunAccesses();
        var longPins = (int)Math.Round(_spec.LongPinsPerGiB * _spec.WorkingSetMiB / 1024.0);
        for (var i = 0; i < longPins; i++)
            Timers.StartSingleTimer($"long-pin-{i}", StartLongPin.Instance, FromNs(_random.NextNs(_spec.LongPinMs)));
    }

    // ---- work: page accesses ----

    /// <summary>Each step adds a step's worth of accesses to do; a process behind (it waited for faults) catches up, up to a few steps.</summary>
    private void OnStep()
    {
        if (_faultPage >= 0)
            _stats.StalledSteps++;
        _budget = Math.Min(_budget + _spec.AccessesPerStep, 4 * _spec.AccessesPerStep);
        RunAccesses();
    }

    private void RunAccesses()
    {
        while (_faultPage < 0 && (Prefaulting || _budget > 0))
        {
            var page = Prefaulting ? _prefaultNext++ : PickPage();
            if (_ws.StateOf(page) != LogicalPageState.Resident)
            {
                StartFault(page);
                return;
            }

            if (!Prefaulting)
                Access(page);
        }

        _load.Finish(Now, ok: true);
    }

    /// <summary>At start the process touches the first part of its working set in order (the machine has been busy a while).</summary>
    private bool Prefaulting => _prefaultNext < _prefaultEnd;

    private int PickPage()
    {
        var hot = _random.NextDouble() * 100 < _spec.HotAccessPercent;
        return hot ? _random.Next(_hotPages) : _random.Next(_ws.Pages);
    }

    private void Access(int page)
    {
        _budget--;
        _ws.Touch(page);
        Spend(_spec.AccessNs);
        _stats.Accesses++;
        if (_ws.IsAnon(page) || _random.NextDouble() * 100 >= _spec.FileWritePercent)
            return;
        var pfn = _ws.PfnOf(page);
        if (_frames.Has(pfn, PageFlags.Dirty))
            return;
        _frames.SetFlags(pfn, PageFlags.Dirty);
        _ws.SetDirtiedAt(page, Now);
        _dirtyQueue.Enqueue((page, Now));
    }

    // ---- page faults ----

    private void StartFault(int page)
    {
        _stats.Faults++;
        _faultPage = page;
        _ws.StartFault(page);
        RequestFaultPage();
    }

    private void RequestFaultPage()
    {
        _allocs.Enqueue(AllocPurpose.Fault);
        _cpu.Tell(new AllocPages(1, 0, MigrateType.Movable, ForLru: true));
    }

    private void OnAllocated(PagesAllocated m)
    {
        _transfer.Receive(m.Pages);
        var purpose = _allocs.Dequeue();
        if (purpose == AllocPurpose.LongPinTarget)
        {
            FinishLongPinMove(m.Pages);
            return;
        }

        if (m.Pages.Count == 0)
        {
            // __alloc_pages_direct_reclaim(): below the min watermark the faulting process reclaims from its own LRU,
            // then retries; the pages it frees reach its CPU's pcp lists before the retry does (same sender, FIFO).
            if (ShrinkOwnLru(DirectReclaimPages) > 0)
                RequestFaultPage();
            else
                Timers.StartSingleTimer("retry-fault", RetryFault.Instance, TimeSpan.FromMilliseconds(1));
            return;
        }

        var page = _faultPage;
        var pfn = m.Pages.Pfns[0];
        _pages.Add(pfn, _ws.IsAnon(page) ? PageKind.Anon : PageKind.File);
        _pageOf[pfn] = page;
        _ws.Back(page, pfn);
        var refault = _wasEvicted.Remove(page);
        if (!refault)
        {
            Spend(_ws.IsAnon(page) ? Machine.Costs.ZeroPageNs : Machine.Costs.PageCopyNs);
            FinishFault();
            return;
        }

        if (_store is not null)
        {
            _store.Tell(new DiscardableGet(OwnerId, page, Swap: _ws.IsAnon(page)));
            return;
        }

        ReadBack(page);
    }

    private void OnStoreAnswer(DiscardableGot m)
    {
        if (m.Hit)
        {
            _stats.StoreHits++;
            Spend(Machine.Costs.PageCopyNs);
            FinishFault();
            return;
        }

        ReadBack(m.Page);
    }

    /// <summary>A refault from the block device: a file read, or a swap-in (zram decompresses on the CPU).</summary>
    private void ReadBack(int page)
    {
        _stats.MajorFaults++;
        if (_ws.IsAnon(page) && _swap == SwapBackend.Zram)
        {
            Spend(Machine.Scenario.Storage.ZramPageNs);
            FinishFault();
            return;
        }

        Submit(1, write: false, new IoWork(IoKind.FaultRead, []));
    }

    private void FinishFault()
    {
        var page = _faultPage;
        _faultPage = -1;
        _ws.MakeResident(page);
        if (!Prefaulting)
            Access(page);
        RunAccesses();
    }

    // ---- block device requests ----

    private void Submit(int pages, bool write, IoWork work)
    {
        var tag = ++_nextTag;
        _io.Add(tag, work);
        if (write)
            _stats.PagesWrittenBack += pages;
        _device.Tell(new IoSubmit(tag, pages, write));
    }

    private void OnIoComplete(IoComplete m)
    {
        _io.Remove(m.Tag, out var work);
        switch (work!.Kind)
        {
            case IoKind.FaultRead:
                FinishFault();
                break;
            case IoKind.Writeback:
                foreach (var (page, pfn) in work.Pages)
                    if (_ws.PfnOf(page) == pfn)
                        _frames.ClearFlags(pfn, PageFlags.Writeback);
                FinishWaitingMigrations();
                break;
            case IoKind.SwapWrite:
                break;
        }
    }

    private void FreeToCpu(List<int> pfns)
    {
        if (pfns.Count > 0)
            _cpu.Tell(new FreePages(_transfer.Send(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pfns), 0)));
    }

    /// <summary>Unmaps a resident page: it leaves the page table and the LRU.</summary>
    private int Unmap(int page)
    {
        var pfn = _ws.PfnOf(page);
        _pages.Remove(pfn);
        _pageOf.Remove(pfn);
        _ws.Evict(page);
        _wasEvicted.Add(page);
        return pfn;
    }

    private static TimeSpan FromNs(long ns) => TimeSpan.FromTicks(Math.Max(1, ns / 100));

    private sealed record Step
    {
        public static readonly Step Instance = new();
    }

    private sealed record RetryFault
    {
        public static readonly RetryFault Instance = new();
    }

    private enum AllocPurpose
    {
        Fault,
        LongPinTarget,
    }

    private enum IoKind
    {
        FaultRead,
        Writeback,
        SwapWrite,
    }

    private sealed record IoWork(IoKind Kind, List<(int Page, int Pfn)> Pages);
}
